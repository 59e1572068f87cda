package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte array that encoders append to. Reusable: {@link #reset()} keeps the array. Not thread-safe.
 *
 * <pre>{@code
 * ByteSink out = new ByteSink(256);
 * out.writeInt(0);                  // length placeholder
 * codec.encode(value, out);
 * out.setInt(0, out.size() - 4);    // back-patch the length
 * channel.write(out.array(), 0, out.size());
 * }</pre>
 *
 * Multi-byte integers are big-endian; varints are unsigned LEB128 (see {@link Tags}).
 */
public final class ByteSink {
    // Arrays a little below Integer.MAX_VALUE are the largest every JVM will allocate.
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private byte[] array;
    private int size;
    /** The bytes copied into new arrays as the sink grew, since it was made: see {@link #bytesCopiedToGrow()}. */
    private long copiedToGrow;
    /** The {@link Handover}s written since the last reset, in order; {@code null} while none (the usual case). */
    private ArrayList<Handover> handovers;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity : " + initialCapacity + " (expected: >= 0)");
        }
        array = new byte[initialCapacity];
    }

    /** Makes room for {@code extra} more bytes beyond {@link #size()}. */
    private static final long LARGE = 256 * 1024;

    public void ensureCapacity(int extra) {
        long needed = (long) size + extra;
        if (needed > array.length) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        if (needed > MAX_CAPACITY) {
            throw new CodecException("encoded value too large: " + needed + " bytes (limit: " + MAX_CAPACITY + ")");
        }
        long doubled = Math.max(16L, (long) array.length << 1);
        // A large value (bulk byte[]) gets exactly what it needs: it is usually the last thing encoded (a call's
        // captured argument), so the array is then exactly full and takeByteArray() hands it over without a copy.
        // Only a large write: small writes must double whatever the size, or past LARGE each one would copy it all.
        long target = needed - size >= LARGE ? needed : Math.max(doubled, needed);
        copiedToGrow += array.length; // what Arrays.copyOf copies
        array = Arrays.copyOf(array, (int) Math.min(MAX_CAPACITY, target));
    }

    public void writeByte(int v) {
        if (size == array.length) {
            grow(size + 1L);
        }
        array[size++] = (byte) v;
    }

    public void writeShort(int v) {
        ensureCapacity(2);
        array[size] = (byte) (v >>> 8);
        array[size + 1] = (byte) v;
        size += 2;
    }

    public void writeInt(int v) {
        ensureCapacity(4);
        putInt(array, size, v);
        size += 4;
    }

    public void writeLong(long v) {
        ensureCapacity(8);
        putInt(array, size, (int) (v >>> 32));
        putInt(array, size + 4, (int) v);
        size += 8;
    }

    /** Overwrites four bytes at {@code position}, which must lie within what was written. */
    public void setInt(int position, int v) {
        if (position < 0 || position > size - 4) {
            throw new IndexOutOfBoundsException("position : " + position + " (expected: 0.." + (size - 4) + ")");
        }
        putInt(array, position, v);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    /** Writes {@code v} as an unsigned LEB128 varint: 1 byte below 128, at most 5. */
    public void writeVarInt(int v) {
        ensureCapacity(5);
        byte[] a = array;
        int p = size;
        while ((v & ~0x7F) != 0) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        size = p;
    }

    /** Writes {@code v} as an unsigned LEB128 varint: at most 10 bytes. */
    public void writeVarLong(long v) {
        ensureCapacity(10);
        byte[] a = array;
        int p = size;
        while ((v & ~0x7FL) != 0) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        size = p;
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(b, offset, array, size, length);
        size += length;
    }

    /** Writes the ints of {@code a}, 4 bytes each, big-endian: one bulk copy (byte-swapped) through a buffer view. */
    public void writeInts(int[] a) {
        int bytes = room(a.length, 4);
        ByteBuffer.wrap(array, size, bytes).asIntBuffer().put(a);
        size += bytes;
    }

    /** Writes the longs of {@code a}, 8 bytes each, big-endian, in one bulk copy. */
    public void writeLongs(long[] a) {
        int bytes = room(a.length, 8);
        ByteBuffer.wrap(array, size, bytes).asLongBuffer().put(a);
        size += bytes;
    }

    /** Writes the raw IEEE 754 bits of the doubles of {@code a}, 8 bytes each, big-endian, in one bulk copy. */
    public void writeDoubles(double[] a) {
        int bytes = room(a.length, 8);
        ByteBuffer.wrap(array, size, bytes).asDoubleBuffer().put(a);
        size += bytes;
    }

    /** Writes the UTF-16 units of {@code a}, 2 bytes each, big-endian, in one bulk copy. */
    public void writeChars(char[] a) {
        int bytes = room(a.length, 2);
        ByteBuffer.wrap(array, size, bytes).asCharBuffer().put(a);
        size += bytes;
    }

    /** Writes the shorts of {@code a}, 2 bytes each, big-endian, in one bulk copy. */
    public void writeShorts(short[] a) {
        int bytes = room(a.length, 2);
        ByteBuffer.wrap(array, size, bytes).asShortBuffer().put(a);
        size += bytes;
    }

    /** Writes the raw IEEE 754 bits of the floats of {@code a}, 4 bytes each, big-endian, in one bulk copy. */
    public void writeFloats(float[] a) {
        int bytes = room(a.length, 4);
        ByteBuffer.wrap(array, size, bytes).asFloatBuffer().put(a);
        size += bytes;
    }

    /** Makes room for {@code count} elements of {@code each} bytes; returns their byte length. */
    private int room(int count, int each) {
        long needed = size + (long) count * each;
        if (needed > array.length) {
            grow(needed);
        }
        return count * each;
    }

    /** Writes a varint byte length and the UTF-8 bytes of {@code s}; ASCII strings are copied without a detour. */
    public void writeUtf8(String s) {
        writeTaggedUtf8(-1, s);
    }

    /**
     * Writes the byte {@code tag} (none when negative), then {@link #writeUtf8} of {@code s}: one capacity check for
     * both when {@code s} is short ASCII, the usual string of a list of many.
     */
    public void writeTaggedUtf8(int tag, String s) {
        int n = s.length();
        int p = size;
        long needed = p + 6L + n; // a tag, a varint of 5 bytes at most, n bytes when ASCII
        if (needed > array.length) {
            grow(needed);
        }
        byte[] a = array;
        if (tag >= 0) {
            a[p++] = (byte) tag;
        }
        int lengthAt = p;
        if (n < 0x80) {
            a[p++] = (byte) n;
        } else {
            size = p;
            writeVarInt(n);
            p = size;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = lengthAt;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeVarInt(utf8.length);
                writeBytes(utf8);
                return;
            }
            a[p++] = (byte) c;
        }
        size = p;
    }

    /**
     * The bytes copied from an old array to a new one as the sink grew, since it was made. Growth doubles the array (or
     * makes it exactly as large as one large write needs), so this stays below twice the largest {@link #size()}
     * however the content was written: encoding is linear in what it writes, not quadratic.
     */
    public long bytesCopiedToGrow() {
        return copiedToGrow;
    }

    /** Number of bytes written. */
    public int size() {
        return size;
    }

    /** The backing array; bytes {@code [0, size())} are the content. Replaced when the sink grows. */
    public byte[] array() {
        return array;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(array, size);
    }

    /**
     * The content as an array of exactly {@link #size()} bytes: the sink's own array when it is exactly full (no copy;
     * the sink must not be used afterwards), else a copy.
     */
    public byte[] takeByteArray() {
        return size == array.length ? array : Arrays.copyOf(array, size);
    }

    /** Forgets the content and keeps the array. */
    public void reset() {
        size = 0;
        handovers = null;
    }

    /** Notes that the bytes now hold {@code h}, which must learn where they go (see {@link Handover}). */
    void addHandover(Handover h) {
        if (handovers == null) {
            handovers = new ArrayList<Handover>(2);
        }
        handovers.add(h);
    }

    /** The handovers written since the last reset; {@code null} when none. */
    List<Handover> handovers() {
        return handovers;
    }

    int handoverCount() {
        return handovers == null ? 0 : handovers.size();
    }

    /** Forgets the handovers written after the first {@code count}, with the value that failed half-way. */
    void truncateHandovers(int count) {
        while (handovers != null && handovers.size() > count) {
            handovers.remove(handovers.size() - 1);
        }
    }

    /** Drops everything written after the first {@code newSize} bytes, e.g. a value that failed half-way. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException("newSize : " + newSize + " (expected: 0.." + size + ")");
        }
        size = newSize;
    }
}
