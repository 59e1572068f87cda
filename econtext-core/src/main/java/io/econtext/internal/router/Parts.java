package io.econtext.internal.router;

import io.econtext.internal.wire.Message;

/**
 * The wire form of a message larger than a frame may be, sent as a <em>transfer</em> of parts. Every part is a frame
 * with the whole message's header (so routers route and admit each part as they would the message) plus {@link
 * Message#FLAG_PART}, and {@link Message#FLAG_MORE} on all but the last; its data is a prefix, then a slice of the
 * message's data, in order:
 *
 * <pre>
 *   part data:  | transfer u32 | total u64 | slice ... |      transfer: the sender's handle for this transfer's acks
 *                                                            total:    the whole message's data length, every part
 *   ack:        dst = sender, handle = transfer, data = | received u64 |        (receiver → sender, after each part)
 *   refusal:    the same, FLAG_DEAD, data = a DeadReason: the sender stops, and ends the transfer with an abort
 *   abort:      FLAG_PART | FLAG_DEAD, no FLAG_MORE, data = | transfer u32 |    (sender → receiver: forget the parts)
 * </pre>
 *
 * <p>Flow control: a sender keeps at most {@link #WINDOW} bytes of a transfer unacknowledged, so a transfer through
 * intermediate contexts never piles more than that up in their queues, whatever its size. The receiver assembles the
 * parts and delivers one message, as if it had come in one frame; it bounds what it holds by the receiving handle's
 * limit ({@link HandleReceiver#maxPartedBytes()}) and, for a stream from a child, by {@link PartAssembly}'s bounds.
 */
final class Parts {
    /** Bytes of each part's prefix. */
    static final int PREFIX = 12;
    /** The largest slice a part carries (less when the maximum frame size is smaller). */
    static final int MAX_SLICE = 1 << 20;
    /** Bytes a sender may have sent of one transfer that the receiver has not acknowledged. */
    static final long WINDOW = 4L << 20;

    private Parts() {}

    /** The slice length for a stream whose frames hold at most {@code maxFrame} data bytes. */
    static int sliceSize(int maxFrame) {
        return Math.max(1, Math.min(MAX_SLICE, maxFrame - PREFIX));
    }

    /** The data of one part: the prefix, then {@code n} bytes of {@code data} from {@code off}. */
    static byte[] part(int transfer, byte[] data, int off, int n) {
        byte[] b = new byte[PREFIX + n];
        putInt(b, 0, transfer);
        putLong(b, 4, data.length);
        System.arraycopy(data, off, b, PREFIX, n);
        return b;
    }

    /** The data of an abort: the transfer only. */
    static byte[] abort(int transfer) {
        byte[] b = new byte[4];
        putInt(b, 0, transfer);
        return b;
    }

    static byte[] ack(long received) {
        byte[] b = new byte[8];
        putLong(b, 0, received);
        return b;
    }

    static int transfer(byte[] b) {
        return getInt(b, 0);
    }

    static long total(byte[] b) {
        return ((long) getInt(b, 4) << 32) | (getInt(b, 8) & 0xffffffffL);
    }

    static long received(byte[] ack) {
        return ack.length == 8 ? ((long) getInt(ack, 0) << 32) | (getInt(ack, 4) & 0xffffffffL) : -1;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    private static int getInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
