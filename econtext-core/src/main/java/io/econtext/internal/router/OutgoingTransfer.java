package io.econtext.internal.router;

import io.econtext.internal.wire.Message;

/**
 * The sending side of one transfer (see {@link Parts}): the handle its receiver acknowledges parts to, and the wait of
 * the sending thread for room in the transfer's window.
 *
 * <p>Threads: the sending thread waits in {@link #awaitRoom}; acks arrive on the reader of the stream towards the
 * receiver ({@link #receive}, never blocks).
 */
final class OutgoingTransfer implements HandleReceiver {
    /** How often a waiting sender looks whether its destination is still reachable. */
    private static final long CHECK_NANOS = 50_000_000L;

    /** {@link #awaitRoom} results. */
    static final int ROOM = 0;

    static final int REFUSED = 1;
    static final int TIMED_OUT = 2;
    static final int UNREACHABLE = 3;

    // guarded by this
    private long acked;
    private boolean refused;

    @Override
    public synchronized void receive(Message m, Stream from) {
        if (m.has(Message.FLAG_DEAD)) {
            refused = true;
        } else {
            long r = Parts.received(m.data);
            if (r > acked) {
                acked = r;
            }
        }
        notifyAll();
    }

    @Override
    public synchronized void onClose() {
        refused = true;
        notifyAll();
    }

    /**
     * Waits until sending {@code n} more bytes after {@code sent} keeps the unacknowledged bytes within {@link
     * Parts#WINDOW}.
     *
     * @param end {@link System#nanoTime()} at which to give up, {@link Long#MAX_VALUE} for never
     * @param reachable false once the destination can no longer be reached (looked at every {@link #CHECK_NANOS})
     */
    synchronized int awaitRoom(long sent, int n, long end, java.util.function.BooleanSupplier reachable) {
        while (!refused && sent + n - acked > Parts.WINDOW) {
            long now = System.nanoTime();
            if (now >= end) {
                return TIMED_OUT;
            }
            if (!reachable.getAsBoolean()) {
                return UNREACHABLE;
            }
            long left = Math.min(CHECK_NANOS, end - now);
            try {
                wait(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TIMED_OUT;
            }
        }
        return refused ? REFUSED : ROOM;
    }
}
