package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a payload may decode into: at most factor × its length + 1 MiB of heap, charged as the decoder allocates. Values
 * that are each a byte or two on the wire but an object in memory (millions of empty lists) are refused on the way;
 * every value an application really sends fits.
 */
@Timeout(60)
class ValueDecoderBudgetTest {
    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    @Test
    void refusesMillionsOfEmptyListsInAPlainPayloadWithinItsBudget() {
        byte[] payload = emptyLists(4 << 20);
        long budget = 4L * payload.length + (1 << 20);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> codec.decodePlain(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("payload of " + payload.length + " bytes decodes into more than its budget of "
                        + budget + " bytes of heap (4 × its length + 1 MiB), at offset ")
                .hasMessageContaining("send bulk data as byte arrays, or in chunks through a Sender"));

        // the estimates are estimates: allow half again, far below the 16 × of a decode
        assertThat(allocated).as("bytes allocated by the refused decode").isLessThan(budget * 3 / 2);
    }

    @Test
    void chargesAListForItsDeclaredSizeBeforeMakingIt() {
        // 64 nested lists that each declare every byte that follows as an element: a list is made at its declared
        // size, so each would take 4-8 bytes per remaining payload byte if its count were believed before the budget.
        assertRefusedWithinItsBudget(nestedContainers(body -> body.writeByte(Tags.LIST), 8));
    }

    @Test
    void chargesNestedArraysForTheirDeclaredSizeBeforeMakingThem() {
        // Object[] in Object[] ... each declaring every byte that follows as an element (8 bytes of heap each)
        assertRefusedWithinItsBudget(nestedContainers(
                body -> {
                    body.writeByte(Tags.ARRAY);
                    body.writeUtf8("java.lang.Object");
                },
                24));
    }

    /**
     * {@link ValueCodec#MAX_DEPTH} containers, each started by {@code head} and declaring as elements every byte that
     * follows (less {@code headBytes} a level), then 4 MiB of zeros.
     */
    private static byte[] nestedContainers(java.util.function.Consumer<ByteSink> head, int headBytes) {
        int n = 4 << 20;
        ByteSink body = new ByteSink();
        body.writeByte(ValueCodec.VERSION);
        for (int level = 0; level < ValueCodec.MAX_DEPTH; level++) {
            head.accept(body);
            body.writeVarInt(n - headBytes * level);
        }
        return Arrays.copyOf(body.toByteArray(), body.size() + n);
    }

    private void assertRefusedWithinItsBudget(byte[] payload) {
        long budget = 32L * payload.length + (1 << 20);

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("decodes into more than its budget of " + budget + " bytes of heap"));

        assertThat(allocated).as("bytes allocated by the refused decode").isLessThan(budget);
    }

    @Test
    void boundsAPayloadOfMillionsOfTinyBigIntegersAndDates() {
        // 3 and 4 bytes each on the wire, an object graph each on the heap: decoded within the budget or refused
        for (int tag : new int[] {Tags.BIGINT, Tags.BIGDEC, Tags.OFFSET_DATETIME}) {
            int n = 1 << 20;
            ByteSink body = new ByteSink();
            body.writeByte(ValueCodec.VERSION);
            body.writeByte(Tags.ARRAY);
            body.writeUtf8("java.lang.Object");
            body.writeVarInt(n);
            for (int i = 0; i < n; i++) {
                body.writeByte(tag);
                if (tag == Tags.OFFSET_DATETIME) {
                    body.writeByte(0); // epoch day 0
                    body.writeByte(0); // nano of day 0
                    body.writeByte(2 * (i % 60 + 1)); // odd offsets: a new ZoneOffset each
                } else {
                    body.writeByte(tag == Tags.BIGDEC ? 2 * (i % 60) : 1); // a scale
                    if (tag == Tags.BIGDEC) {
                        body.writeByte(1);
                    }
                    body.writeByte(i);
                }
            }
            byte[] payload = body.toByteArray();
            long budget = 32L * payload.length + (1 << 20);

            long allocated = allocatedBy(() -> {
                try {
                    codec.decode(payload, 0, payload.length);
                } catch (CodecException e) {
                    assertThat(e).hasMessageContaining("decodes into more than its budget of " + budget);
                }
            });

            assertThat(allocated)
                    .as("bytes allocated by tag 0x%s", Integer.toHexString(tag))
                    .isLessThan(budget);
        }
    }

    @Test
    void boundsWhatAnyPayloadDecodesInto() {
        // A set of a million nulls: 1 byte each on the wire, an entry each as the decoder adds them.
        ByteSink body = new ByteSink();
        body.writeByte(ValueCodec.VERSION);
        body.writeByte(Tags.SET);
        int n = 1 << 20;
        body.writeVarInt(n);
        byte[] payload = Arrays.copyOf(body.toByteArray(), body.size() + n);

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("decodes into more than its budget of " + (32L * payload.length + (1 << 20))
                        + " bytes of heap (32 × its length + 1 MiB)");
    }

    @Test
    void chargesWhatTheDecoderAllocates() {
        assertThat(charged(codec.encode(null), false)).isZero();
        assertThat(charged(codec.encode(7), false)).isEqualTo(ValueDecoder.BOX);
        assertThat(charged(codec.encode(7L), false)).isEqualTo(ValueDecoder.WIDE_BOX);
        assertThat(charged(codec.encode("héllo"), false)).isEqualTo(ValueDecoder.STRING + 1 + 6);
        assertThat(charged(codec.encode(new byte[1000]), false)).isEqualTo(ValueDecoder.ARRAY + 1000);
        assertThat(charged(codec.encode(new long[10]), false)).isEqualTo(ValueDecoder.ARRAY + 80);
        assertThat(charged(codec.encode(List.of()), false)).isEqualTo(ValueDecoder.LIST);
        assertThat(charged(codec.encode(Arrays.asList(null, null)), false))
                .isEqualTo(ValueDecoder.LIST + ValueDecoder.ARRAY + 2 * ValueDecoder.REF);
        assertThat(charged(codec.encode(new LinkedHashSet<>(List.of(true))), false))
                .isEqualTo(ValueDecoder.HASHED + ValueDecoder.ENTRY);
        assertThat(charged(codec.encode(new RecordAccessTest.Point(1, 2)), false))
                .isEqualTo(ValueDecoder.STRING
                        + RecordAccessTest.Point.class.getName().length()
                        + 1
                        + ValueDecoder.OBJECT
                        + 2 * ValueDecoder.REF
                        + 2 * ValueDecoder.BOX);
    }

    @Test
    void applicationValuesFitTheirBudget() {
        List<Object> shapes = new ArrayList<>();
        shapes.add(new byte[32 << 20]);
        shapes.add("x".repeat(1 << 20) + "€");
        shapes.add(range(100_000, i -> (long) i));
        shapes.add(range(100_000, i -> i));
        shapes.add(range(100_000, i -> "host-" + i));
        shapes.add(new LinkedHashSet<>(range(100_000, i -> i)));
        shapes.add(new LinkedHashSet<>(range(100_000, i -> (long) i)));
        shapes.add(new LinkedHashSet<>(range(10_000, i -> Integer.toString(i, 36))));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.put("w" + i, i);
        }
        shapes.add(counts);
        shapes.add(range(100_000, i -> new RecordAccessTest.Point(i, -i)));
        shapes.add(range(100_000, i -> List.of()));
        long[] longs = new long[1 << 20];
        Arrays.fill(longs, 3);
        shapes.add(longs);
        shapes.add(range(1 << 20, i -> i % 2 == 0));
        shapes.add(deepStack());

        for (Object value : shapes) {
            byte[] payload = codec.encode(value);
            long charged = charged(payload, false);
            assertThat(charged)
                    .as(
                            "%s of %d bytes, charged %.1f ×",
                            value.getClass().getSimpleName(), payload.length, charged / (double) payload.length)
                    .isLessThanOrEqualTo(ValueDecoder.FACTOR * (long) payload.length + ValueDecoder.ALLOWANCE);
        }
    }

    @Test
    void whatChildrenSendUpFitsThePlainBudget() {
        List<Object> shapes = new ArrayList<>();
        shapes.add(Arrays.asList(3, 4, "com.acme.Service", "it failed", deepStack()));
        shapes.add(Arrays.asList(3, 4, "com.acme.Service", "obfuscated", obfuscatedStack()));
        shapes.add(Arrays.asList(3, 2, "big", "é".repeat(4 << 20), new IllegalStateException("m".repeat(1 << 20))));
        shapes.add(Arrays.asList(3, "stdout", ""));
        shapes.add(Arrays.asList(3, "stderr", "a line of output".repeat(100_000)));
        shapes.add(Arrays.asList(4711L, "ops", "host", "17.0.9", "/usr/lib/jvm/java-17", 120L));

        for (Object value : shapes) {
            byte[] payload = codec.encode(value);
            long charged = charged(payload, true);
            assertThat(charged)
                    .as("%d bytes, charged %.1f ×", payload.length, charged / (double) payload.length)
                    .isLessThanOrEqualTo(ValueDecoder.PLAIN_FACTOR * (long) payload.length + ValueDecoder.ALLOWANCE);
        }
    }

    /** The deepest exception the codec carries: 16 causes of 1024 JDK frames each. */
    private static Throwable deepStack() {
        String[][] jdk = {
            {"java.util.concurrent.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java"},
            {"java.util.concurrent.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java"},
            {"java.lang.Thread", "run", "Thread.java"},
            {"java.util.stream.ReferencePipeline$3$1", "accept", "ReferencePipeline.java"},
        };
        Throwable t = null;
        for (int level = 0; level < ValueCodec.MAX_THROWABLE_DEPTH; level++) {
            StackTraceElement[] stack = new StackTraceElement[1024];
            for (int i = 0; i < stack.length; i++) {
                String[] f = jdk[i % jdk.length];
                stack[i] = new StackTraceElement(null, "java.base", "17.0.9", f[0], f[1], f[2], 100 + i);
            }
            t = new RuntimeException("level " + level, t);
            t.setStackTrace(stack);
        }
        return t;
    }

    /** Frames of obfuscated code: short names, each class different, as ProGuard leaves them. */
    private static Throwable obfuscatedStack() {
        Throwable t = null;
        for (int level = 0; level < ValueCodec.MAX_THROWABLE_DEPTH; level++) {
            StackTraceElement[] stack = new StackTraceElement[1024];
            for (int i = 0; i < stack.length; i++) {
                String cls = "a." + Integer.toString(level * 1024 + i, 36);
                stack[i] = new StackTraceElement("app", null, null, cls, "a", "SourceFile", i % 300);
            }
            t = new IllegalStateException(null, t);
            t.setStackTrace(stack);
        }
        return t;
    }

    private static byte[] emptyLists(int n) {
        ByteSink head = new ByteSink();
        head.writeByte(ValueCodec.VERSION);
        head.writeByte(Tags.LIST);
        head.writeVarInt(n);
        byte[] payload = Arrays.copyOf(head.toByteArray(), head.size() + 2 * n);
        for (int i = head.size(); i < payload.length; i += 2) {
            payload[i] = Tags.LIST;
        }
        return payload;
    }

    private long charged(byte[] payload, boolean plain) {
        ValueDecoder decoder = new ValueDecoder(
                new ByteSource(payload, 1, payload.length - 1),
                new ValueCodecTest.FakeHooks(),
                new LambdaRefCache(),
                plain);
        decoder.read(0);
        return decoder.charged();
    }

    private interface Element {
        Object at(int i);
    }

    private static List<Object> range(int n, Element element) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.at(i));
        }
        return out;
    }

    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
