package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.TypeCodec;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK value types, arrays and application type codecs between real JVMs: master to child, child to master, and
 * through an intermediate, in both directions; and the codec failures a caller sees.
 */
@Timeout(120)
class CarriedTypesTest {
    record Point(int x, int y) {}

    enum Color {
        RED,
        GREEN
    }

    static volatile boolean unregisteredCodecTouched;

    /** On the class path of the master, registered nowhere: no payload may make the master load or make it. */
    public static final class UnregisteredCodec implements TypeCodec<Money> {
        static {
            unregisteredCodecTouched = true;
        }

        public UnregisteredCodec() {
            unregisteredCodecTouched = true;
        }

        @Override
        public Class<Money> type() {
            return Money.class;
        }

        @Override
        public Object toCarried(Money value) {
            return "";
        }

        @Override
        public Money fromCarried(Object carried) {
            return null;
        }
    }

    /** Denied to children: a record they cannot decode. */
    record Denied(int n) {}

    private final int factor = 3;

    static Object[] jdkValues() {
        return new Object[] {
            Duration.ofMillis(1500),
            Instant.parse("2026-12-07T01:02:03.123456789Z"),
            LocalDate.of(2026, 12, 7),
            LocalTime.of(1, 2, 3, 4),
            LocalDateTime.of(2026, 12, 7, 1, 2, 3),
            OffsetDateTime.of(2026, 12, 7, 1, 2, 3, 0, ZoneOffset.ofHours(-5)),
            ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
            ZoneId.of("Asia/Tokyo"),
            ZoneOffset.ofHoursMinutes(5, 30),
            new UUID(0x0123456789abcdefL, 0xfedcba9876543210L),
            Optional.of("here"),
            Optional.empty(),
            OptionalInt.of(7),
            OptionalLong.empty(),
            OptionalDouble.of(2.5),
            URI.create("ssh://user@host:2222/path?q#f"),
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("-0.000123"),
            Path.of("/tmp/some dir/file.txt"),
            Runtime.Version.parse("17.0.9+9"),
            'é',
            "chars".toCharArray(),
            new String[] {"a", null, "c"},
            new long[][] {{1, 2}, {}, {3}},
            new Point[] {new Point(1, 2), new Point(3, 4)},
            new Color[] {Color.GREEN, Color.RED},
            new Object[] {1, "two", new int[] {3}, List.of(4)},
            new short[] {1, -1},
            new float[] {1.5f},
            new boolean[] {true, false}
        };
    }

    private static void assertSameValues(Object back) {
        Object[] sent = jdkValues();
        assertThat(back).isInstanceOf(Object[].class);
        Object[] got = (Object[]) back;
        assertThat(got).hasSameSizeAs(sent);
        for (int i = 0; i < sent.length; i++) {
            assertThat(got[i]).as("value %s: %s", i, sent[i]).hasSameClassAs(sent[i]);
        }
        assertThat(Arrays.deepEquals(got, sent))
                .as("%s", Arrays.deepToString(got))
                .isTrue();
    }

    @Test
    void carriesJdkValuesAndArraysBothWaysAtEveryHop() {
        try (Router router = Econtext.newRouter()) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            Object[] values = jdkValues();

            for (Context c : List.of(middle, far)) {
                assertSameValues(c.call(() -> values)); // master -> child -> master
                assertSameValues(c.call(CarriedTypesTest::jdkValues)); // made in the child
            }
            // the intermediate calls its child with the values and returns what came back
            assertSameValues(middle.call(() -> far.call(() -> values)));
            assertSameValues(middle.call(() -> far.call(CarriedTypesTest::jdkValues)));
            assertThat(far.call(() -> Path.of("relative", "name").toString())).isEqualTo("relative/name");
        }
    }

    @Test
    void carriesTheTypesOfRegisteredCodecsAtEveryHop() {
        RouterOptions options = RouterOptions.defaults().withTypeCodecs(List.of(Money.Codec.class));
        try (Router router = Econtext.newRouter(options)) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            Money money = new Money("EUR", new BigDecimal("12.50"));

            assertThat(middle.call(() -> money)).isEqualTo(money);
            assertThat(far.call(() -> new Money("CHF", BigDecimal.ONE))).isEqualTo(new Money("CHF", BigDecimal.ONE));
            assertThat(far.call(() -> new Money[] {money}))
                    .isInstanceOf(Money[].class)
                    .isEqualTo(new Money[] {money});
            // child -> grandchild -> child -> master: the intermediate encodes and decodes with the same codec
            assertThat(middle.call(() -> far.call(() -> List.of(money, Optional.of(money)))))
                    .isEqualTo(List.of(money, Optional.of(money)));
            assertThat(middle.call(() -> far.call(() -> money.currency))).isEqualTo("EUR");
        }
    }

    @Test
    void aChildWithoutRegisteredCodecsRefusesTheirTypesByName() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("plain"));

            assertThatThrownBy(() -> c.call(() -> new Money("EUR", BigDecimal.TEN)))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageStartingWith("context 'plain': the result of the call cannot be carried back: cannot"
                            + " encode value of type " + Money.class.getName() + " at top level: econtext carries")
                    .hasMessageContaining("RouterOptions.withTypeCodecs");
        }
    }

    @Test
    void refusesAChildsPayloadThatNamesACodecTheMasterDidNotRegister() throws Exception {
        RouterOptions options = RouterOptions.defaults().withTypeCodecs(List.of(Money.Codec.class));
        try (Router router = Econtext.newRouter(options)) {
            Context liar = router.connect(Local.spec().name("liar"));
            Receiver<Object> r = router.newReceiver();
            Sender<Object> s = r.sender();
            byte[] forged = Frames.encode(Message.of(0, liar.id(), s.handle(), 0, 0, custom(UnregisteredCodec.class)));

            liar.call(() -> {
                s.send("before");
                StreamIsolationTest.writeToProtocolStream(forged);
                s.send(new Money("USD", BigDecimal.ONE));
                return null;
            });

            assertThat(r.poll(Duration.ofSeconds(10))).contains("before");
            assertThat(catchThrowable(() -> r.poll(Duration.ofSeconds(10))))
                    .isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("refused a value of type codec " + UnregisteredCodec.class.getName()
                            + ": no such codec is registered here (registered: [" + Money.Codec.class.getName() + "]");
            assertThat(r.poll(Duration.ofSeconds(10))).contains(new Money("USD", BigDecimal.ONE));
            assertThat(unregisteredCodecTouched)
                    .as("the master loaded or made the codec the child named")
                    .isFalse();
            assertThat(liar.call(() -> "fine")).isEqualTo("fine");
        }
    }

    @Test
    void boundsWhatAChildsNestedArraysDecodeIntoInTheMaster() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context liar = router.connect(Local.spec().name("liar"));
            Receiver<Object> r = router.newReceiver();
            Sender<Object> s = r.sender();
            byte[] forged = Frames.encode(Message.of(0, liar.id(), s.handle(), 0, 0, nestedArrays(16 * 1024)));

            liar.call(() -> {
                s.send("before"); // a sender's first value announces it to the receiver
                return StreamIsolationTest.writeToProtocolStream(forged);
            });

            assertThat(r.poll(Duration.ofSeconds(10))).contains("before");
            assertThat(catchThrowable(() -> r.poll(Duration.ofSeconds(10))))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("decodes into more than its budget of");
            assertThat(liar.call(() -> "fine")).isEqualTo("fine");
        }
    }

    @Test
    void aResultThatCannotBeCarriedFailsTheCallWithACodecException() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            String expected = "the result of the call cannot be carried back: cannot encode value of type"
                    + " java.lang.Thread at top level: econtext carries";

            assertThatThrownBy(() -> middle.call(Thread::currentThread))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageStartingWith("context 'middle': " + expected);
            CompletableFuture<Thread> async = far.callAsync(Thread::currentThread);
            Throwable failed = catchThrowable(() -> async.get(30, TimeUnit.SECONDS));
            assertThat(failed).isInstanceOf(ExecutionException.class);
            assertThat(failed.getCause())
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageStartingWith("context 'far': " + expected);
            // a call the intermediate makes sees the same
            assertThat(middle.call(() -> {
                        try {
                            far.call(Thread::currentThread);
                            return "no failure";
                        } catch (CodecException e) {
                            return e.getMessage();
                        }
                    }))
                    .startsWith("context 'far': " + expected);
            assertThat(far.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    @Test
    void anArgumentTheChildCannotDecodeFailsTheCallWithACodecException() {
        RouterOptions options = RouterOptions.defaults().withClassDeny(List.of(Denied.class.getName()));
        try (Router router = Econtext.newRouter(options)) {
            Context c = router.connect(Local.spec().name("denied"));
            Denied denied = new Denied(1);

            assertThatThrownBy(() -> c.call(() -> denied.n()))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageStartingWith("context 'denied': the call cannot be decoded there: cannot decode record "
                            + Denied.class.getName() + ": class not found here");
            CompletableFuture<Integer> async = c.callAsync(() -> denied.n());
            assertThat(catchThrowable(() -> async.get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isExactlyInstanceOf(CodecException.class);
        }
    }

    @Test
    void saysThatALambdaCapturedThisAndHowToAvoidIt() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("misc"));

            assertThatThrownBy(() -> c.call(() -> factor * 2))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessage("cannot encode a lambda at list[1]: it captured this (class CarriedTypesTest), because"
                            + " its body uses an instance field or method of CarriedTypesTest, and "
                            + CarriedTypesTest.class.getName() + " cannot be carried. Copy the field into a local"
                            + " variable before the lambda and use that, or make the method static");
            int f = factor;
            assertThat(c.call(() -> f * 2)).isEqualTo(6);
        }
    }

    /** A payload holding a value of {@code codec}'s tag: VERSION, CUSTOM, its name, then null. */
    private static byte[] custom(Class<?> codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(0x70);
        byte[] name = codec.getName().getBytes(StandardCharsets.UTF_8);
        out.write(name.length);
        out.write(name, 0, name.length);
        out.write(0x00);
        return out.toByteArray();
    }

    /** Object[] in Object[] ... 64 deep, each declaring every byte that follows as an element. */
    private static byte[] nestedArrays(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        byte[] name = "java.lang.Object".getBytes(StandardCharsets.UTF_8);
        for (int level = 0; level < 64; level++) {
            out.write(0x23);
            out.write(name.length);
            out.write(name, 0, name.length);
            int count = n - 24 * level;
            while ((count & ~0x7F) != 0) {
                out.write((count & 0x7F) | 0x80);
                count >>>= 7;
            }
            out.write(count);
        }
        byte[] head = out.toByteArray();
        return Arrays.copyOf(head, head.length + n);
    }
}
