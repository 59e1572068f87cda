package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void writesBigEndianIntegers() {
        ByteSink out = new ByteSink(0);
        out.writeShort(0x0102);
        out.writeInt(0x03040506);
        out.writeLong(0x0708090A0B0C0D0EL);

        assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void writesVarIntsInLittleEndianGroupsOfSevenBits() {
        ByteSink out = new ByteSink(1);
        out.writeVarInt(0);
        out.writeVarInt(127);
        out.writeVarInt(128);
        out.writeVarInt(-1);

        assertThat(out.toByteArray()).containsExactly(0, 0x7F, 0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
    }

    @Test
    void writesAsciiAndNonAsciiStringsWithTheirUtf8Length() {
        ByteSink out = new ByteSink(2);
        out.writeUtf8("ab");
        out.writeUtf8("é");

        assertThat(out.toByteArray()).containsExactly(2, 'a', 'b', 2, 0xC3, 0xA9);
    }

    @Test
    void writesATaggedStringWithAOneOrTwoByteLength() {
        ByteSink out = new ByteSink(0);
        out.writeTaggedUtf8(Tags.STRING, "x".repeat(127));
        out.writeTaggedUtf8(Tags.STRING, "y".repeat(128));
        out.writeTaggedUtf8(Tags.STRING, "z".repeat(127) + "é");

        byte[] b = out.toByteArray();
        assertThat(b.length).isEqualTo((2 + 127) + (3 + 128) + (3 + 129));
        assertThat(b[0]).isEqualTo((byte) Tags.STRING);
        assertThat(b[1]).isEqualTo((byte) 127);
        assertThat(b[129]).isEqualTo((byte) Tags.STRING);
        assertThat(new byte[] {b[130], b[131]}).containsExactly(0x80, 0x01);
        assertThat(b[260]).isEqualTo((byte) Tags.STRING);
        assertThat(new byte[] {b[261], b[262]}).as("the UTF-8 length, 129").containsExactly(0x81, 0x01);
        assertThat(new String(b, 263, 129, StandardCharsets.UTF_8)).isEqualTo("z".repeat(127) + "é");
    }

    @Test
    void writesPrimitiveArraysFixedWidthBigEndian() {
        ByteSink out = new ByteSink(0);
        out.writeInts(new int[] {0x01020304, -1});
        out.writeLongs(new long[] {0x0102030405060708L});
        out.writeDoubles(new double[] {Double.longBitsToDouble(0x7FF8000000000001L)});

        assertThat(out.toByteArray())
                .containsExactly(
                        1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 0x7F, 0xF8, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void rewritesTheLengthOfAStringThatTurnsOutNotToBeAscii() {
        String s = "a".repeat(200) + "✓";
        ByteSink out = new ByteSink(4);
        out.writeByte(9);
        out.writeUtf8(s);

        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(out.size()).isEqualTo(1 + 2 + utf8.length);
        assertThat(out.array()[1] & 0xFF).isEqualTo((utf8.length & 0x7F) | 0x80);
        assertThat(out.array()[2]).isEqualTo((byte) (utf8.length >>> 7));
        assertThat(new String(out.array(), 3, utf8.length, StandardCharsets.UTF_8))
                .isEqualTo(s);
    }

    @Test
    void growsAsNeededAndKeepsTheArrayOnReset() {
        ByteSink out = new ByteSink(0);
        for (int i = 0; i < 10_000; i++) {
            out.writeByte(i);
        }
        byte[] array = out.array();

        out.reset();
        out.writeByte(1);

        assertThat(out.size()).isEqualTo(1);
        assertThat(out.array()).isSameAs(array);
    }

    @Test
    void keepsDoublingForSmallWritesPastTheLargeWriteSize() {
        ByteSink sink = new ByteSink(16);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());

        for (int i = 0; i < 272 * 1024; i++) {
            sink.writeByte(i);
        }

        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(sink.size()).isEqualTo(272 * 1024);
        assertThat(allocated).as("bytes allocated to grow").isLessThan(2 << 20);
    }

    @Test
    void backPatchesAnIntAndTruncates() {
        ByteSink out = new ByteSink();
        out.writeInt(0);
        out.writeByte(7);
        out.setInt(0, 1);
        out.truncate(4);

        assertThat(out.toByteArray()).containsExactly(0, 0, 0, 1);
        assertThatThrownBy(() -> out.setInt(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> out.truncate(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsANegativeInitialCapacity() {
        assertThatThrownBy(() -> new ByteSink(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialCapacity : -1 (expected: >= 0)");
    }
}
