package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import org.junit.jupiter.api.Test;

class ByteSourceTest {
    private static ByteSource source(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new ByteSource(data, 0, data.length);
    }

    @Test
    void readsBackWhatTheSinkWrote() {
        int[] ints = {0, 1, -1, 63, -64, 127, 128, 16_383, 16_384, Integer.MIN_VALUE, Integer.MAX_VALUE};
        long[] longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 35, -(1L << 49)};
        ByteSink out = new ByteSink(0);
        for (int v : ints) {
            out.writeVarInt(v);
            out.writeInt(v);
        }
        for (long v : longs) {
            out.writeVarLong(v);
            out.writeLong(v);
        }

        ByteSource in = new ByteSource(out.array(), 0, out.size());

        for (int v : ints) {
            assertThat(in.readVarInt()).isEqualTo(v);
            assertThat(in.readInt()).isEqualTo(v);
        }
        for (long v : longs) {
            assertThat(in.readVarLong()).isEqualTo(v);
            assertThat(in.readLong()).isEqualTo(v);
        }
        assertThat(in.remaining()).isZero();
    }

    @Test
    void decodesZigZag() {
        assertThat(source(0).readZigZagInt()).isZero();
        assertThat(source(1).readZigZagInt()).isEqualTo(-1);
        assertThat(source(2).readZigZagInt()).isEqualTo(1);
        assertThat(source(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readZigZagInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(source(3).readZigZagLong()).isEqualTo(-2L);
    }

    @Test
    void readsOnlyItsSlice() {
        ByteSource in = new ByteSource(new byte[] {9, 1, 2, 9}, 1, 2);

        assertThat(in.readUnsignedByte()).isEqualTo(1);
        assertThat(in.offset()).isEqualTo(1);
        assertThat(in.readUnsignedByte()).isEqualTo(2);
        assertThatThrownBy(in::readUnsignedByte)
                .isInstanceOf(CodecException.class)
                .hasMessage("malformed payload at offset 2: needs 1 more bytes, 0 left (truncated?)");
    }

    @Test
    void rejectsVarIntsThatOverflow() {
        assertThatThrownBy(() -> source(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).readVarInt())
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("does not fit in 32 bits");
        assertThatThrownBy(() -> source(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readVarInt())
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> source(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02)
                        .readVarLong())
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("does not fit in 64 bits");
        assertThatThrownBy(() -> source(0x80, 0x80).readVarInt()).isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsCountsThatTheRemainingBytesCannotHold() {
        assertThatThrownBy(() -> source(0xFF, 0xFF, 0xFF, 0xFF, 0x07).readCount(1))
                .isInstanceOf(CodecException.class)
                .hasMessage("malformed payload at offset 0: declared count 2147483647 needs at least 2147483647"
                        + " bytes, 0 left");
        assertThatThrownBy(() -> source(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readCount(8))
                .hasMessageContaining("declared count 4294967295");
        assertThat(source(2, 0, 0, 0, 0).readCount(2)).isEqualTo(2);
        assertThatThrownBy(() -> source(3, 0, 0, 0, 0).readCount(2)).isInstanceOf(CodecException.class);
    }

    @Test
    void readsNullableStrings() {
        ByteSource in = source(0, 1, 3, 'a', 'b');

        assertThat(in.readNullableString()).isNull();
        assertThat(in.readNullableString()).isEmpty();
        assertThat(in.readNullableString()).isEqualTo("ab");
        assertThatThrownBy(() -> source(5, 'a').readNullableString()).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> source(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readNullableString())
                .isInstanceOf(CodecException.class);
    }
}
