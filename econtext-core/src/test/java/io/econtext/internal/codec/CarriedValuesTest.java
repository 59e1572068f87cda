package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.TypeCodec;
import io.econtext.it.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK value types, arrays of carried types and registered type codecs, as bytes: no context involved. */
@Timeout(60)
class CarriedValuesTest {
    enum Color {
        RED,
        GREEN
    }

    record Point(int x, int y) {}

    /** A class nobody may make an array of: its initializer must never run because a payload named it. */
    static final class Bomb {
        static {
            bombInitialized = true;
        }
    }

    static volatile boolean bombInitialized;

    /** Registered nowhere: a payload that names it must not make anyone load or make it. */
    public static final class UnregisteredCodec implements TypeCodec<Money> {
        static volatile boolean made;

        public UnregisteredCodec() {
            made = true;
        }

        @Override
        public Class<Money> type() {
            return Money.class;
        }

        @Override
        public Object toCarried(Money value) {
            return "x";
        }

        @Override
        public Money fromCarried(Object carried) {
            return new Money("EUR", BigDecimal.ONE);
        }
    }

    public static final class StringCodec implements TypeCodec<String> {
        @Override
        public Class<String> type() {
            return String.class;
        }

        @Override
        public Object toCarried(String value) {
            return value;
        }

        @Override
        public String fromCarried(Object carried) {
            return (String) carried;
        }
    }

    /** Hooks with the codecs of {@code codecs}. */
    static final class CodecHooksWith extends ValueCodecTest.FakeHooks {
        private final TypeCodecs codecs;

        CodecHooksWith(TypeCodecs codecs) {
            this.codecs = codecs;
        }

        @Override
        public TypeCodecs typeCodecs() {
            return codecs;
        }
    }

    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    @Test
    void roundTripsTheJdkValueTypes() {
        List<Object> values = List.of(
                Duration.ofSeconds(-3, 7),
                Duration.ofDays(10_000),
                Instant.parse("2026-12-07T01:02:03.123456789Z"),
                Instant.MIN,
                LocalDate.of(1969, 12, 31),
                LocalDate.MAX,
                LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(2026, 12, 7, 1, 2),
                OffsetDateTime.of(2026, 12, 7, 1, 2, 3, 4, ZoneOffset.ofHoursMinutes(-5, -30)),
                ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                ZoneId.of("America/New_York"),
                ZoneOffset.ofHours(2),
                ZoneOffset.UTC,
                UUID.randomUUID(),
                Optional.of(List.of("a", 1)),
                Optional.empty(),
                OptionalInt.of(-7),
                OptionalInt.empty(),
                OptionalLong.of(Long.MIN_VALUE),
                OptionalLong.empty(),
                OptionalDouble.of(Double.NaN),
                OptionalDouble.empty(),
                URI.create("https://example.com/a%20b?q=1#frag"),
                new BigInteger("-123456789012345678901234567890"),
                BigInteger.ZERO,
                new BigDecimal("-12345.678900"),
                new BigDecimal(BigInteger.TEN, -5),
                Path.of("/var/tmp/some file"),
                Path.of("relative/dir"),
                Runtime.version(),
                'x');

        for (Object value : values) {
            assertThat(roundTrip(value)).as("%s", value).isEqualTo(value).hasSameClassAs(value);
        }
        assertThat(roundTrip(ZoneOffset.ofHours(2))).isInstanceOf(ZoneOffset.class);
        assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50")); // the scale is kept
    }

    @Test
    void roundTripsPrimitiveArraysOfEveryKind() {
        assertThat((char[]) roundTrip("héllo".toCharArray())).containsExactly('h', 'é', 'l', 'l', 'o');
        assertThat((short[]) roundTrip(new short[] {-1, 2, Short.MAX_VALUE})).containsExactly(-1, 2, Short.MAX_VALUE);
        assertThat((float[]) roundTrip(new float[] {1.5f, -0f})).containsExactly(1.5f, -0f);
        assertThat((boolean[]) roundTrip(new boolean[] {true, false, true})).containsExactly(true, false, true);
    }

    @Test
    void roundTripsArraysKeepingTheirComponentType() {
        Object strings = roundTrip(new String[] {"a", null, "c"});
        assertThat(strings).isInstanceOf(String[].class);
        assertThat((String[]) strings).containsExactly("a", null, "c");

        long[][] matrix = {{1, 2}, {}, null, {Long.MAX_VALUE}};
        Object decoded = roundTrip(matrix);
        assertThat(decoded).isInstanceOf(long[][].class);
        assertThat(Arrays.deepEquals((long[][]) decoded, matrix)).isTrue();

        Point[] points = {new Point(1, 2), new Point(3, 4)};
        assertThat(roundTrip(points)).isInstanceOf(Point[].class).isEqualTo(points);

        Color[][] colors = {{Color.RED}, {Color.GREEN, Color.RED}};
        assertThat(roundTrip(colors)).isInstanceOf(Color[][].class).isEqualTo(colors);

        Object[] mixed = {1, "two", new int[] {3}, List.of(4), new String[] {"five"}, Duration.ZERO};
        Object back = roundTrip(mixed);
        assertThat(back).isInstanceOf(Object[].class);
        assertThat(Arrays.deepEquals((Object[]) back, mixed)).isTrue();

        assertThat(roundTrip(new Number[] {1, 2L, new BigDecimal("3.0")})).isInstanceOf(Number[].class);
        assertThat(roundTrip(new Duration[0])).isInstanceOf(Duration[].class);
    }

    @Test
    void refusesToEncodeAnArrayOfATypeItDoesNotCarry() {
        assertThatThrownBy(() -> codec.encode(java.util.Collections.singletonList((Object) new Thread[] {null})))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode array of type java.lang.Thread[] at list[0]: its component type"
                        + " is not carried (econtext carries null, primitives and boxes, String, arrays of carried"
                        + " types");
        assertThatThrownBy(() -> codec.encode(new Object[] {"fine", new StringBuilder()}))
                .hasMessageStartingWith("cannot encode value of type java.lang.StringBuilder at array[1]: ");
    }

    @Test
    void listsWhatItCarriesWhenRefusingAType() {
        assertThatThrownBy(() -> codec.encode(new StringBuilder()))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot encode value of type java.lang.StringBuilder at top level: " + CarriedTypes.CARRIED)
                .hasMessageContaining("int[], char[], String[], long[][]")
                .hasMessageContaining("Duration, Instant, LocalDate")
                .hasMessageContaining("UUID, Optional")
                .hasMessageContaining("RouterOptions.withTypeCodecs");
    }

    @Test
    void refusesAPayloadThatNamesAnArrayOfAClassItDoesNotCarryBeforeMakingIt() {
        for (String component :
                List.of(Bomb.class.getName(), "[L" + Bomb.class.getName() + ";", Thread.class.getName(), "[[X")) {
            byte[] payload = arrayPayload(component, 0);
            assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                    .as(component)
                    .isInstanceOf(CodecException.class)
                    .message()
                    .satisfiesAnyOf(
                            m -> assertThat(m).startsWith("refused an array of " + component + ": "),
                            m -> assertThat(m).contains("malformed payload"));
        }
        assertThat(bombInitialized).as("the named class's initializer ran").isFalse();
    }

    @Test
    void refusesAnArrayElementOfAnotherType() {
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeByte(Tags.ARRAY);
        out.writeUtf8("java.lang.String");
        out.writeVarInt(2);
        ValueEncoder.write(out, "fine", 1, new ValueCodecTest.FakeHooks());
        ValueEncoder.write(out, 42, 1, new ValueCodecTest.FakeHooks());
        byte[] payload = out.toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode array of java.lang.String: element 1 is a java.lang.Integer");
    }

    @Test
    void refusesNewValueTypesInAPlainPayload() {
        for (Object value : List.of(Duration.ZERO, new String[] {"a"}, Optional.empty(), Path.of("x"))) {
            byte[] payload = codec.encode(value);
            assertThatThrownBy(() -> codec.decodePlain(payload, 0, payload.length))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("this payload may carry plain values only");
        }
        byte[] chars = codec.encode("plain".toCharArray());
        assertThat((char[]) codec.decodePlain(chars, 0, chars.length)).containsExactly("plain".toCharArray());
    }

    @Test
    void refusesFieldsTheFactoriesRefuse() {
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeByte(Tags.ZONE);
        out.writeUtf8("Not/AZone");
        byte[] payload = out.toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode ZoneId at offset ");
    }

    @Test
    void carriesARegisteredTypeThroughItsCodec() {
        ValueCodec withMoney = new ValueCodec(new CodecHooksWith(TypeCodecs.load(List.of(Money.Codec.class))));
        Money money = new Money("EUR", new BigDecimal("12.50"));
        List<Object> value = List.of(money, new Money[] {money}, Optional.of(money));

        byte[] payload = withMoney.encode(value);
        List<?> back = (List<?>) withMoney.decode(payload, 0, payload.length);

        assertThat(back.get(0)).isEqualTo(money);
        assertThat(back.get(1)).isInstanceOf(Money[].class).isEqualTo(new Money[] {money});
        assertThat(back.get(2)).isEqualTo(Optional.of(money));
        assertThatThrownBy(() -> codec.encode(money))
                .hasMessageStartingWith("cannot encode value of type " + Money.class.getName() + " at top level");
    }

    @Test
    void refusesAPayloadThatNamesACodecNotRegisteredHere() {
        ValueCodec withMoney = new ValueCodec(new CodecHooksWith(TypeCodecs.load(List.of(Money.Codec.class))));
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeByte(Tags.CUSTOM);
        out.writeUtf8(UnregisteredCodec.class.getName());
        out.writeByte(Tags.NULL);
        byte[] payload = out.toByteArray();

        for (ValueCodec c : List.of(withMoney, codec)) {
            assertThatThrownBy(() -> c.decode(payload, 0, payload.length))
                    .isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("refused a value of type codec " + UnregisteredCodec.class.getName()
                            + ": no such codec is registered here");
        }
        assertThat(UnregisteredCodec.made).as("the unregistered codec was made").isFalse();
    }

    @Test
    void refusesACodecForATypeItCarriesItself() {
        assertThatThrownBy(() -> TypeCodecs.load(List.of(StringCodec.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type codec " + StringCodec.class.getName() + " carries java.lang.String, which econtext"
                        + " carries itself (a primitive, box or String): register codecs only for types it does not"
                        + " carry");
        assertThatThrownBy(() -> TypeCodecs.load(List.of(Money.Codec.class, Money.Codec.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both carry " + Money.class.getName());
    }

    @Test
    void refusesAValueItsCodecDoesNotMake() {
        ValueCodec withMoney = new ValueCodec(new CodecHooksWith(TypeCodecs.load(List.of(Money.Codec.class))));
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeByte(Tags.CUSTOM);
        out.writeUtf8(Money.Codec.class.getName());
        ValueEncoder.write(out, "not a list", 1, new ValueCodecTest.FakeHooks());
        byte[] payload = out.toByteArray();

        assertThatThrownBy(() -> withMoney.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode a value of type " + Money.class.getName() + ": "
                        + Money.Codec.class.getName() + ".fromCarried threw java.lang.ClassCastException");
    }

    @Test
    void namesTheCapturedThisOfALambdaThatUsesAnInstanceField() {
        Misc misc = new Misc();
        assertThatThrownBy(() -> codec.encode(List.of("first", misc.lambda())))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot encode a lambda at list[1]: it captured this (class Misc), because its body uses an"
                        + " instance field or method of Misc, and " + Misc.class.getName() + " cannot be carried."
                        + " Copy the field into a local variable before the lambda and use that, or make the method"
                        + " static");
        assertThat(roundTrip(misc.lambdaWithALocalCopy())).isInstanceOf(LambdaRef.class);
    }

    /** A class that is not carried, whose lambdas read its field. */
    static final class Misc {
        private final int factor = 3;

        io.econtext.RemoteCallable<Integer> lambda() {
            return () -> factor * 2;
        }

        io.econtext.RemoteCallable<Integer> lambdaWithALocalCopy() {
            int f = factor;
            return () -> f * 2;
        }
    }

    static byte[] arrayPayload(String component, int count) {
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeByte(Tags.ARRAY);
        out.writeUtf8(component);
        out.writeVarInt(count);
        return out.toByteArray();
    }

    static List<Object> repeat(Object value, int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(value);
        }
        return out;
    }
}
