package io.econtext.internal.router;

import io.econtext.internal.wire.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The receiving side of the transfers (see {@link Parts}) that arrive on one stream: holds the parts of each until the
 * last, then gives the whole message to the router to deliver as if it had come in one frame.
 *
 * <p>Bounds. A transfer larger than its handle's limit ({@link HandleReceiver#maxPartedBytes()}) is refused at its
 * first part, from its declared total: the handle gets a {@link DeadReason#TOO_LARGE} message instead (a waiting
 * caller fails with a {@link io.econtext.CodecException} that says so) and the sender is told to stop. On a stream
 * from a child, which this context does not trust, at most {@link #MAX_TRANSFERS} transfers are open at once and
 * their parts hold at most {@link #MAX_HELD} bytes together; memory grows only with parts that arrived.
 *
 * <p>Threads: the stream's reader (one at a time); synchronized for the hand-over between reader threads.
 */
final class PartAssembly {
    /** Transfers open at once on a stream from a child. */
    static final int MAX_TRANSFERS = 64;
    /** Bytes of unfinished transfers held at once for a stream from a child. */
    static final long MAX_HELD = 1L << 30;
    /** The largest array a JVM allocates: no message is larger. */
    private static final long MAX_MESSAGE = Integer.MAX_VALUE - 8;

    private final Map<Long, Transfer> open = new HashMap<Long, Transfer>();
    private long held;

    /** One transfer being received. */
    private static final class Transfer {
        final long total;
        final ArrayList<byte[]> parts = new ArrayList<byte[]>();
        long received;
        /** Refused: its remaining parts are dropped until its last or its abort. */
        boolean refused;

        Transfer(long total) {
            this.total = total;
        }

        byte[] assemble() {
            byte[] whole = new byte[(int) total];
            int at = 0;
            for (byte[] p : parts) {
                int n = p.length - Parts.PREFIX;
                System.arraycopy(p, Parts.PREFIX, whole, at, n);
                at += n;
            }
            return whole;
        }
    }

    /**
     * Takes one part that arrived on this stream.
     *
     * @param limit the most the receiving handle takes in one message; 0 when the handle takes no transfers (none
     *     exists, the sender may not use it, or it wants small messages only)
     * @param from the stream it arrived on; the parent's is trusted: no bounds but {@code limit}
     * @return the whole message after its last part; the part without data or flags of its own, once, when {@code
     *     limit} is 0 (the router then answers it as it answers a message it cannot deliver); a {@code FLAG_DEAD}
     *     message for the handle when the transfer is refused; {@code null} otherwise
     */
    synchronized Message add(Message part, long limit, Stream from, RouterCore router) {
        boolean trusted = from == router.parent();
        byte[] d = part.data;
        boolean abort = part.has(Message.FLAG_DEAD);
        if (d.length < (abort ? 4 : Parts.PREFIX)) {
            router.warnTransfer(from, part, "a part of " + d.length + " bytes, shorter than its prefix (dropped)");
            return null;
        }
        int transfer = Parts.transfer(d);
        Long key = ((long) part.src << 32) | (transfer & 0xffffffffL);
        Transfer t = open.get(key);
        if (abort) {
            if (t != null) {
                forget(key, t);
            }
            return null;
        }
        long total = Parts.total(d);
        boolean last = !part.has(Message.FLAG_MORE);
        if (t == null) {
            if (limit <= 0) {
                refuse(key, new Transfer(total), last, trusted, part, transfer, router, "refused");
                return stripped(part);
            }
            String over = total > limit
                    ? "a value of " + total + " bytes encoded, more than the limit of " + limit + " bytes"
                    : total > MAX_MESSAGE || total < 0
                            ? "a value of " + total + " bytes encoded, more than a Java array holds"
                            : !trusted && open.size() >= MAX_TRANSFERS
                                    ? "a value in parts while " + open.size() + " others are (the most a stream"
                                            + " carries at once)"
                                    : null;
            t = new Transfer(total);
            if (over != null) {
                return refuse(key, t, last, trusted, part, transfer, router, over);
            }
            open.put(key, t);
        }
        if (t.refused) {
            if (last) {
                open.remove(key);
            }
            return null;
        }
        int n = d.length - Parts.PREFIX;
        String broken = total != t.total || t.received + n > total || (last && t.received + n != total)
                ? "a malformed transfer (parts that do not add up to its total)"
                : !trusted && held + n > MAX_HELD
                        ? "a value in parts while " + (held >> 20) + " MiB of others are held (the most a stream holds)"
                        : null;
        if (broken != null) {
            forget(key, t);
            return refuse(key, t, last, trusted, part, transfer, router, broken);
        }
        t.parts.add(d);
        t.received += n;
        held += n;
        if (!last) {
            router.ackPart(part, transfer, t.received);
            return null;
        }
        byte[] whole = t.assemble();
        forget(key, t);
        return new Message(
                part.dst,
                part.src,
                part.auth,
                part.handle,
                part.replyTo,
                part.flags & ~(Message.FLAG_PART | Message.FLAG_MORE),
                whole);
    }

    private void forget(Long key, Transfer t) {
        open.remove(key);
        held -= t.received;
        t.parts.clear();
    }

    /**
     * Refuses transfer {@code t}: tells its sender to stop, keeps it (unless this is its last part, or a stream from a
     * child has as many open as it may) so that its parts still under way are dropped quietly, and returns the message
     * that tells the receiving handle.
     */
    private Message refuse(
            Long key,
            Transfer t,
            boolean last,
            boolean trusted,
            Message part,
            int transfer,
            RouterCore router,
            String why) {
        t.refused = true;
        t.parts.clear();
        if (!last) {
            if (trusted || open.size() < MAX_TRANSFERS) {
                open.put(key, t);
            }
            router.refusePart(part, transfer, why);
        }
        return new Message(
                part.dst,
                part.src,
                part.auth,
                part.handle,
                0,
                Message.FLAG_DEAD,
                DeadReason.TOO_LARGE.encode("context " + part.dst + " refused " + why));
    }

    /** {@code part} as a message of its own without data: what a handle that takes no transfers is offered. */
    private static Message stripped(Message part) {
        return new Message(
                part.dst,
                part.src,
                part.auth,
                part.handle,
                part.replyTo,
                part.flags & ~(Message.FLAG_PART | Message.FLAG_MORE),
                null);
    }
}
