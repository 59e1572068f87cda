package io.econtext.internal.wire;

/**
 * The frame layout. Every message crosses a stream as one frame: a fixed 28-byte header, big-endian, then the data.
 *
 * <pre>
 *  0       2       4               8               12              16              20              24              28
 *  +-------+-------+---------------+---------------+---------------+---------------+---------------+---------------+----------+
 *  | magic | flags |      dst      |      src      |     auth      |    handle     |    replyTo    |    length     | data ... |
 *  | EC 01 |  u16  |      s32      |      s32      |      s32      |      s32      |      s32      |      u32      | length B |
 *  +-------+-------+---------------+---------------+---------------+---------------+---------------+---------------+----------+
 * </pre>
 *
 * <ul>
 *   <li>{@code magic} is {@code 0xEC01}: a stream that loses its framing is detected at the next header.
 *   <li>{@code flags} are the {@code Message.FLAG_*} bits; an unknown bit is a corrupt frame.
 *   <li>{@code dst}/{@code src} are context ids (0 is the master); {@code auth} the context on whose authority the
 *       message travels (the originator).
 *   <li>{@code handle} selects the receiver in {@code dst}; {@code replyTo} names the handle in {@code src} that gets
 *       the answer (0: none).
 *   <li>{@code length} is bounded by the stream's maximum frame size; a longer frame closes the stream.
 * </ul>
 */
public final class Frames {
    public static final int MAGIC = 0xEC01;
    public static final int HEADER_SIZE = 28;
    /** Default bound on a frame's data: 32 MiB. */
    public static final int DEFAULT_MAX_FRAME = 32 << 20;

    private Frames() {}

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static int getShort(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** Writes the header of {@code m} into {@code b} at {@code off}. */
    static void putHeader(byte[] b, int off, Message m) {
        putShort(b, off, MAGIC);
        putShort(b, off + 2, m.flags);
        putInt(b, off + 4, m.dst);
        putInt(b, off + 8, m.src);
        putInt(b, off + 12, m.auth);
        putInt(b, off + 16, m.handle);
        putInt(b, off + 20, m.replyTo);
        putInt(b, off + 24, m.data.length);
    }

    /**
     * Checks the header at {@code b[p]}: magic, known flags, a length within {@code maxFrame}; returns the length.
     *
     * @throws FrameException when the header is corrupt or the frame too large
     */
    static int checkHeader(byte[] b, int p, int maxFrame) throws FrameException {
        int magic = getShort(b, p);
        if (magic != MAGIC) {
            throw new FrameException("bad frame magic 0x" + Integer.toHexString(magic) + " (expected: 0xec01)");
        }
        int flags = getShort(b, p + 2);
        if ((flags & ~Message.KNOWN_FLAGS) != 0) {
            throw new FrameException("unknown frame flags 0x" + Integer.toHexString(flags));
        }
        int length = getInt(b, p + 24);
        if (length < 0 || length > maxFrame) {
            throw new FrameException(
                    "frame length " + (length & 0xffffffffL) + " exceeds the maximum frame size " + maxFrame);
        }
        return length;
    }

    /** The message of the (checked) header at {@code b[p]} with {@code data}. */
    static Message message(byte[] b, int p, byte[] data) {
        return new Message(
                getInt(b, p + 4),
                getInt(b, p + 8),
                getInt(b, p + 12),
                getInt(b, p + 16),
                getInt(b, p + 20),
                getShort(b, p + 2),
                data);
    }

    /** The whole frame of {@code m} as bytes (tests and tools; streams write without this copy). */
    public static byte[] encode(Message m) {
        byte[] b = new byte[HEADER_SIZE + m.data.length];
        putHeader(b, 0, m);
        System.arraycopy(m.data, 0, b, HEADER_SIZE, m.data.length);
        return b;
    }
}
