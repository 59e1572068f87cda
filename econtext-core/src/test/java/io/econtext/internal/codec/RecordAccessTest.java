package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records and enums: the two kinds of user types the codec rebuilds through {@link CodecHooks#resolveClass}. */
class RecordAccessTest {
    public record Point(int x, int y) {}

    private record Labelled(String label, Point point, List<Object> tags, Color color) {}

    record Holder(Object value) {}

    record Empty() {}

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value : " + value + " (expected: > 0)");
            }
        }
    }

    record Moody(String mood) {
        @Override
        public String mood() {
            throw new IllegalStateException("not today");
        }
    }

    enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green with a body";
            }
        }
    }

    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    @Test
    void roundTripsPublicNestedAndPrivateRecords() {
        assertThat(roundTrip(new Point(3, -4))).isEqualTo(new Point(3, -4));
        assertThat(roundTrip(new Empty())).isEqualTo(new Empty());
        Labelled labelled = new Labelled("origin", new Point(0, 0), List.of("x", 1), Color.GREEN);
        assertThat(roundTrip(labelled)).isEqualTo(labelled);
        Holder nested = new Holder(new Holder(Map.of("points", List.of(new Point(1, 2)))));
        assertThat(roundTrip(nested)).isEqualTo(nested);
    }

    @Test
    void roundTripsLocalRecords() {
        record Pair(String left, Long right) {}

        assertThat(roundTrip(new Pair("l", null))).isEqualTo(new Pair("l", null));
    }

    @Test
    void roundTripsEnumsIncludingConstantsWithBodies() {
        assertThat(roundTrip(Color.RED)).isSameAs(Color.RED);
        assertThat(roundTrip(Color.GREEN)).isSameAs(Color.GREEN);
        assertThat(roundTrip(List.of(Thread.State.RUNNABLE))).isEqualTo(List.of(Thread.State.RUNNABLE));
    }

    @Test
    void reportsAnAccessorThatThrows() {
        assertThatThrownBy(() -> codec.encode(List.of(new Moody("grumpy"))))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode value of type " + Moody.class.getName() + " at list[0]: accessor"
                        + " mood() failed: java.lang.IllegalStateException: not today");
    }

    @Test
    void reportsACanonicalConstructorThatRejectsTheDecodedComponents() {
        ByteSink body = new ByteSink();
        body.writeByte(ValueCodec.VERSION);
        body.writeByte(Tags.RECORD);
        body.writeUtf8(Positive.class.getName());
        body.writeVarInt(1);
        body.writeByte(Tags.INT);
        body.writeVarInt(1); // zigzag for -1
        byte[] payload = body.toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot decode record " + Positive.class.getName() + ": its constructor threw"
                        + " java.lang.IllegalArgumentException: value : -1 (expected: > 0)")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullForAPrimitiveComponent() {
        ByteSink body = new ByteSink();
        body.writeByte(ValueCodec.VERSION);
        body.writeByte(Tags.RECORD);
        body.writeUtf8(Point.class.getName());
        body.writeVarInt(2);
        body.writeByte(Tags.NULL);
        body.writeByte(Tags.NULL);
        byte[] payload = body.toByteArray();

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith(
                        "cannot decode record " + Point.class.getName() + ": components do not match its constructor");
    }
}
