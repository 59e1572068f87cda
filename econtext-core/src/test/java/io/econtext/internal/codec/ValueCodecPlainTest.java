package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.RemoteThrowable;
import io.econtext.Secret;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueCodec#decodePlain}: what a child sends up unasked decodes into plain values, and a tag for anything else
 * fails before a class is resolved or any code of it runs.
 */
class ValueCodecPlainTest {
    static final AtomicBoolean ENUM_INITIALIZED = new AtomicBoolean();
    static final AtomicBoolean RECORD_CONSTRUCTED = new AtomicBoolean();

    enum Gadget {
        ARMED;

        static {
            ENUM_INITIALIZED.set(true);
        }
    }

    record Trap(String text) {
        Trap {
            RECORD_CONSTRUCTED.set(true);
        }
    }

    /** Counts every call the decoder makes to its hooks. */
    private static final class CountingHooks extends ValueCodecTest.FakeHooks {
        final AtomicInteger resolved = new AtomicInteger();

        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            resolved.incrementAndGet();
            return super.resolveClass(binaryName);
        }
    }

    private final CountingHooks hooks = new CountingHooks();
    private final ValueCodec codec = new ValueCodec(hooks);

    @Test
    void decodesTheLogsOutputAndHellosChildrenSend() {
        Object log = Arrays.asList(3, 4, "com.acme.Job", "it failed", new IllegalStateException("boom"));
        Object output = Arrays.asList(3, "stdout", "a line");
        Object hello = Arrays.asList(4711L, "ops", "host", "17.0.9", "/usr/lib/jvm/java-17", 120L);
        Object numbers = Arrays.asList(null, true, (byte) 1, (short) 2, 'c', 4, 5L, 6f, 7d, new byte[] {8});

        @SuppressWarnings("unchecked")
        List<Object> gotLog = (List<Object>) plain(codec.encode(log));
        assertThat(gotLog.subList(0, 4)).containsExactly(3, 4, "com.acme.Job", "it failed");
        assertThat(gotLog.get(4)).isInstanceOfSatisfying(RemoteThrowable.class, t -> {
            assertThat(t.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(t.remoteMessage()).isEqualTo("boom");
        });
        assertThat(plain(codec.encode(output))).isEqualTo(output);
        assertThat(plain(codec.encode(hello))).isEqualTo(hello);
        List<?> gotNumbers = (List<?>) plain(codec.encode(numbers));
        assertThat(gotNumbers.subList(0, 9)).isEqualTo(((List<?>) numbers).subList(0, 9));
        assertThat(gotNumbers.get(9)).isEqualTo(new byte[] {8});
        assertThat(hooks.resolved).hasValue(0);
    }

    @Test
    void refusesAnEnumOrRecordWithoutResolvingOrRunningIt() {
        ByteSink body = new ByteSink();
        body.writeByte(ValueCodec.VERSION);
        body.writeByte(Tags.LIST);
        body.writeVarInt(2);
        body.writeByte(Tags.RECORD);
        body.writeUtf8(Trap.class.getName());
        body.writeVarInt(1);
        body.writeByte(Tags.STRING);
        body.writeUtf8("chosen by the child");
        body.writeByte(Tags.ENUM);
        body.writeUtf8(Gadget.class.getName());
        body.writeUtf8("ARMED");
        byte[] payload = body.toByteArray();

        assertThatThrownBy(() -> plain(payload))
                .isInstanceOf(CodecException.class)
                .hasMessage("refused a record at offset 2: this payload may carry plain values only (null, booleans,"
                        + " numbers, strings, primitive arrays, lists, exceptions)");
        ByteSink justEnum = new ByteSink();
        justEnum.writeByte(ValueCodec.VERSION);
        justEnum.writeByte(Tags.ENUM);
        justEnum.writeUtf8(Gadget.class.getName());
        justEnum.writeUtf8("ARMED");
        assertThatThrownBy(() -> plain(justEnum.toByteArray())).hasMessageStartingWith("refused an enum at offset 0");

        assertThat(ENUM_INITIALIZED).as("the enum's static initializer ran").isFalse();
        assertThat(RECORD_CONSTRUCTED).as("the record's constructor ran").isFalse();
        assertThat(hooks.resolved).hasValue(0);
    }

    @Test
    void refusesEveryTypeThatIsNotPlain() {
        Map<Object, String> notPlain = Map.of(
                new LinkedHashSet<>(List.of(1)),
                "a set",
                Map.of("k", "v"),
                "a map",
                Secret.of("pw".toCharArray()),
                "a secret",
                ValueCodecTest.fakeContext(1, "c"),
                "a context reference",
                new ValueCodecTest.FakeSender(1, 2),
                "a sender reference");

        notPlain.forEach((value, what) -> assertThatThrownBy(() -> plain(codec.encode(List.of("ok", value))))
                .as(what)
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("refused " + what + " at offset 6: this payload may carry plain values only"));
        for (int tag : new int[] {Tags.LAMBDA, Tags.RECORD, Tags.ENUM}) {
            assertThatThrownBy(() -> plain(new byte[] {ValueCodec.VERSION, (byte) tag, 0x7F}))
                    .hasMessageStartingWith("refused a")
                    .hasMessageContaining("at offset 0");
        }
        assertThat(hooks.resolved).hasValue(0);
        assertThat(hooks.contextCalls).hasValue(0);
        assertThat(hooks.senderCalls).hasValue(0);
    }

    private Object plain(byte[] payload) {
        return codec.decodePlain(payload, 0, payload.length);
    }
}
