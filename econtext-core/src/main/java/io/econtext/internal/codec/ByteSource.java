package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitives of {@link Tags} from a slice of a byte array. Every read is bounds-checked and every declared
 * length is checked against the bytes that remain, so corrupt input fails with a {@link CodecException} before
 * anything large is allocated.
 */
final class ByteSource {
    private final byte[] data;
    private final int start;
    private final int limit;
    private int pos;

    ByteSource(byte[] data, int offset, int length) {
        this.data = data;
        this.start = offset;
        this.limit = offset + length;
        this.pos = offset;
    }

    int remaining() {
        return limit - pos;
    }

    /** Position relative to the start of the slice, for error messages. */
    int offset() {
        return pos - start;
    }

    /** Absolute position in the backing array, for {@link #rewind(int)}. */
    int position() {
        return pos;
    }

    /** Goes back to a {@link #position()} taken earlier. */
    void rewind(int position) {
        pos = position;
    }

    /** The backing array; only bytes before {@link #position()} have been checked. */
    byte[] array() {
        return data;
    }

    CodecException malformed(String what) {
        return new CodecException("malformed payload at offset " + offset() + ": " + what);
    }

    private CodecException truncated(int needed) {
        return malformed("needs " + needed + " more bytes, " + remaining() + " left (truncated?)");
    }

    int readUnsignedByte() {
        if (pos >= limit) {
            throw truncated(1);
        }
        return data[pos++] & 0xFF;
    }

    private void require(int n) {
        if (limit - pos < n) {
            throw truncated(n);
        }
    }

    int readShort() {
        require(2);
        int v = (data[pos] << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int readInt() {
        require(4);
        byte[] d = data;
        int p = pos;
        pos = p + 4;
        return (d[p] << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
    }

    long readLong() {
        long high = readInt();
        return (high << 32) | (readInt() & 0xFFFFFFFFL);
    }

    /** An unsigned LEB128 varint of at most 5 bytes. */
    int readVarInt() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= limit) {
                throw truncated(1);
            }
            int b = data[pos++];
            if (shift == 28 && (b & 0xF0) != 0) {
                throw malformed("varint does not fit in 32 bits");
            }
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint does not fit in 32 bits");
    }

    /** An unsigned LEB128 varint of at most 10 bytes. */
    long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= limit) {
                throw truncated(1);
            }
            int b = data[pos++];
            if (shift == 63 && (b & 0xFE) != 0) {
                throw malformed("varint does not fit in 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint does not fit in 64 bits");
    }

    int readZigZagInt() {
        int n = readVarInt();
        return (n >>> 1) ^ -(n & 1);
    }

    long readZigZagLong() {
        long n = readVarLong();
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * A varint element count, checked against the remaining bytes given that every element takes at least {@code
     * minBytesEach} bytes.
     */
    int readCount(int minBytesEach) {
        int at = offset();
        int n = readVarInt();
        if (n < 0 || (long) n * minBytesEach > remaining()) {
            throw new CodecException("malformed payload at offset " + at + ": declared count " + (n & 0xFFFFFFFFL)
                    + " needs at least " + ((n & 0xFFFFFFFFL) * minBytesEach) + " bytes, " + remaining() + " left");
        }
        return n;
    }

    String readString() {
        int n = readCount(1);
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** The byte length of a {@code str}, checked against what remains; its bytes come next. */
    int readStringLength() {
        return readCount(1);
    }

    /** The byte length of an {@code nstr}, or -1 for null, checked against what remains; its bytes come next. */
    int readNullableStringLength() {
        int n = readVarInt();
        if (n == 0) {
            return -1;
        }
        n--;
        if (n < 0 || n > remaining()) {
            throw malformed("string of " + (n & 0xFFFFFFFFL) + " bytes, " + remaining() + " left");
        }
        return n;
    }

    /** The next {@code n} bytes (a length read and checked before) as a UTF-8 string. */
    String readUtf8(int n) {
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** True when the next {@code n} bytes (checked before) equal those at {@link #position()} {@code at}. */
    boolean nextBytesEqual(int at, int n) {
        return java.util.Arrays.equals(data, at, at + n, data, pos, pos + n);
    }

    /** Skips {@code n} bytes checked before. */
    void skip(int n) {
        pos += n;
    }

    void skipString() {
        int n = readCount(1);
        pos += n;
    }

    /** A string or {@code null}, encoded with its length plus one so that 0 means null. */
    String readNullableString() {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        n--;
        if (n < 0 || n > remaining()) {
            throw malformed("string of " + (n & 0xFFFFFFFFL) + " bytes, " + remaining() + " left");
        }
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Fills {@code into} with big-endian ints, 4 bytes each, in one bulk copy (byte-swapped). */
    void readInts(int[] into) {
        int bytes = 4 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asIntBuffer().get(into);
        pos += bytes;
    }

    /** Fills {@code into} with big-endian longs, 8 bytes each, in one bulk copy. */
    void readLongs(long[] into) {
        int bytes = 8 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asLongBuffer().get(into);
        pos += bytes;
    }

    /** Fills {@code into} with doubles from their big-endian raw IEEE 754 bits, 8 bytes each, in one bulk copy. */
    void readDoubles(double[] into) {
        int bytes = 8 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asDoubleBuffer().get(into);
        pos += bytes;
    }

    /** Fills {@code into} with big-endian UTF-16 units, 2 bytes each, in one bulk copy. */
    void readChars(char[] into) {
        int bytes = 2 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asCharBuffer().get(into);
        pos += bytes;
    }

    /** Fills {@code into} with big-endian shorts, 2 bytes each, in one bulk copy. */
    void readShorts(short[] into) {
        int bytes = 2 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asShortBuffer().get(into);
        pos += bytes;
    }

    /** Fills {@code into} with floats from their big-endian raw IEEE 754 bits, 4 bytes each, in one bulk copy. */
    void readFloats(float[] into) {
        int bytes = 4 * into.length;
        require(bytes);
        ByteBuffer.wrap(data, pos, bytes).asFloatBuffer().get(into);
        pos += bytes;
    }

    void readBytes(byte[] into) {
        require(into.length);
        System.arraycopy(data, pos, into, 0, into.length);
        pos += into.length;
    }
}
