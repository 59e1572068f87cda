package io.econtext.internal.call;

import io.econtext.ChannelClosedException;
import io.econtext.EcontextException;
import io.econtext.internal.router.DeadReason;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * This context's credit at one receiver (a context and a handle), shared by every {@link RouterSender} of that
 * receiver here. A sender may send a value when the credit holds a value and its bytes, or, for a value larger than
 * the whole window, when nothing is in flight. The credit comes back from the receiver as its consumer takes values.
 *
 * <p>Wire. Each entry owns a handle of this context ({@link Policy#EXPECTED_SOURCE}: only the receiver's context may
 * speak to it, plus the routers on the way, for a DEAD bounce). Every message to the receiver names it as {@code
 * replyTo}: the receiver learns where to send credit, and a value the receiver's router cannot deliver (the receiver
 * is gone, or refused this context) bounces here as DEAD.
 *
 * <pre>
 *  to the receiver (handle = receiver, replyTo = this entry's handle)
 *    empty data                        attach: "grant me a window" (first), "I wait for credit" (later)
 *    value                             counts against the credit
 *  from the receiver (handle = this entry's handle)
 *    flags 0      u32 receiver handle, u32 values, u32 bytes         credit: the first one is the window
 *    FLAG_CLOSE   u32 receiver handle, UTF-8 reason                  the channel ended for this context
 *    FLAG_DEAD    DeadReason                                         a message to the receiver bounced
 * </pre>
 *
 * <p>Threads: senders wait on this object's monitor; credit arrives on a reader thread, which only updates counters
 * and wakes them (it never blocks). Values queued by {@link #sendAsync} are sent by the ledger's drain thread.
 */
final class SendCredit implements HandleReceiver {
    private static final Log LOG = Log.get(SendCredit.class);

    /** A value {@link #sendAsync} could not send at once. */
    private static final class Queued {
        final Message message;
        final CompletableFuture<Void> done = new CompletableFuture<Void>();

        Queued(Message message) {
            this.message = message;
        }
    }

    private final RouterCore router;
    private final CreditLedger ledger;
    final int contextId;
    final int receiverHandle;
    final int handle;

    private boolean granted;
    private int windowValues;
    private long windowBytes;
    private int values;
    private long bytes;
    private boolean asked;
    private String closedReason;
    private final ArrayDeque<Queued> queued = new ArrayDeque<Queued>();
    private boolean draining;

    SendCredit(RouterCore router, CreditLedger ledger, int contextId, int receiverHandle) {
        this.router = router;
        this.ledger = ledger;
        this.contextId = contextId;
        this.receiverHandle = receiverHandle;
        this.handle = router.newHandle(this, Policy.EXPECTED_SOURCE, false, contextId);
    }

    /** Starts with {@code values} and {@code bytes}: a receiver in this context, which needs no attach. */
    synchronized void grantLocally(int values, int bytes) {
        grant(values, bytes);
    }

    /** Asks the receiver for the window (wire: an empty message). */
    void attach() {
        ask();
    }

    /** Sends {@code m}, waiting while the credit does not hold it. On the sending thread. */
    void send(Message m) {
        int size = m.data.length;
        if (!tryTake(size)) {
            Stream.beforeBlocking(); // a call running inline as a reader must not wait for credit that reader brings
            waitAndTake(size);
        }
        sendTaken(m);
    }

    /** Sends {@code m} if the credit holds it now; false (nothing sent) otherwise. */
    boolean trySend(Message m) {
        if (!tryTake(m.data.length)) {
            return false;
        }
        sendTaken(m);
        return true;
    }

    /** Sends {@code m} now if the credit holds it, else queues it for the drain thread. */
    CompletableFuture<Void> sendAsync(Message m) {
        Queued q;
        boolean ask;
        synchronized (this) {
            if (closedReason != null) {
                return CompletableFuture.failedFuture(closed());
            }
            if (!fitsNow(m.data.length)) {
                q = new Queued(m);
                queued.add(q);
                ask = shouldAsk();
            } else {
                take(m.data.length);
                q = null;
                ask = false;
            }
        }
        if (q != null) {
            if (ask) {
                ask();
            }
            return q.done;
        }
        try {
            sendTaken(m);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized boolean tryTake(int size) {
        if (closedReason != null) {
            throw closed();
        }
        if (!fitsNow(size)) {
            return false;
        }
        take(size);
        return true;
    }

    private void waitAndTake(int size) {
        try {
            while (true) {
                boolean ask;
                synchronized (this) {
                    if (closedReason != null) {
                        throw closed();
                    }
                    if (fitsNow(size)) {
                        take(size);
                        return;
                    }
                    ask = shouldAsk();
                    if (!ask) {
                        wait();
                    }
                }
                if (ask) {
                    ask();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcontextException(
                    "interrupted while waiting for credit from receiver " + receiverHandle + " in context " + contextId
                            + " (its consumer has not taken the values sent before)",
                    e);
        }
    }

    /** Sends a value whose credit was taken; gives the credit back when the router refuses it (e.g. too large). */
    private void sendTaken(Message m) {
        try {
            router.send(m);
        } catch (RuntimeException e) {
            synchronized (this) {
                values++;
                bytes += m.data.length;
                notifyAll();
            }
            throw e;
        }
    }

    /** True when a value of {@code size} may go now, in order: nothing queued before it, and credit that holds it. */
    private boolean fitsNow(int size) {
        return queued.isEmpty() && !draining && fits(size);
    }

    private boolean fits(int size) {
        return granted && values >= 1 && (bytes >= size || (values == windowValues && bytes == windowBytes));
    }

    private void take(int size) {
        values--;
        bytes -= size;
    }

    /**
     * Whether to tell the receiver this context waits, once per credit message: only when what is in flight is below
     * both of the receiver's batch sizes (half the window, see {@link ReceiveWindows}), so that it would never give
     * credit back on its own: a sender that waits for room for a value larger than half the window. Asking more often
     * would split the batches (measured: 1 KiB values from the third hop fell from 197k to 46k values/s). Before the
     * first grant there is nothing to ask: the attach asked.
     */
    private boolean shouldAsk() {
        if (!granted || asked) {
            return false;
        }
        if (windowValues - values >= Math.max(1, windowValues / 2)
                || windowBytes - bytes >= Math.max(1, windowBytes / 2)) {
            return false; // the receiver gives credit back once its consumer took what is in flight
        }
        asked = true;
        return true;
    }

    /** Tells the receiver this context waits for credit (wire: an empty message). Holds no lock. */
    private void ask() {
        router.post(Message.of(contextId, router.id(), receiverHandle, handle, 0, null));
    }

    private void grant(int v, long b) {
        if (!granted) {
            granted = true;
            windowValues = v;
            windowBytes = b;
        }
        values += v;
        bytes += b;
        asked = false;
        notifyAll();
    }

    /** Credit, the end of the channel, or a bounce, from the receiver's context. On a reader thread: never blocks. */
    @Override
    public void receive(Message m, Stream from) {
        if (m.has(Message.FLAG_DEAD)) {
            close("a message to it bounced: " + DeadReason.textOf(m.data));
            return;
        }
        if (m.data.length < 4 || readInt(m.data, 0) != receiverHandle) {
            refused(m, from);
            return;
        }
        if (m.has(Message.FLAG_CLOSE)) {
            close(new String(m.data, 4, m.data.length - 4, StandardCharsets.UTF_8));
            return;
        }
        if (m.data.length != 12) {
            refused(m, from);
            return;
        }
        long v = readInt(m.data, 4) & 0xffffffffL;
        long b = readInt(m.data, 8) & 0xffffffffL;
        boolean drain;
        synchronized (this) {
            if (closedReason != null) {
                return;
            }
            grant((int) Math.min(v, Integer.MAX_VALUE), b);
            drain = !queued.isEmpty() && !draining && fits(queued.peek().message.data.length);
            if (drain) {
                draining = true;
            }
        }
        if (drain) {
            ledger.drain(this);
        }
    }

    /** Sends queued values in order while the credit holds them. On the ledger's drain thread. */
    void drainQueued() {
        while (true) {
            Queued q;
            boolean ask = false;
            synchronized (this) {
                q = queued.peek();
                if (closedReason != null || q == null || !fits(q.message.data.length)) {
                    draining = false;
                    if (q != null && closedReason == null) {
                        ask = shouldAsk();
                    }
                    notifyAll();
                    q = null;
                } else {
                    queued.poll();
                    take(q.message.data.length);
                }
            }
            if (q == null) {
                if (ask) {
                    ask();
                }
                return;
            }
            try {
                sendTaken(q.message);
                q.done.complete(null);
            } catch (RuntimeException e) {
                q.done.completeExceptionally(e);
            }
        }
    }

    private void refused(Message m, Stream from) {
        String note = from == null ? "" : from.refusals().admit();
        if (note != null) {
            LOG.warn("ignored a malformed credit message of " + m.data.length + " bytes from context " + m.src
                    + " for receiver " + receiverHandle + note);
        }
    }

    /** Ends this credit: waiting and later sends fail with {@code reason}. Idempotent; any thread. */
    void close(String reason) {
        ArrayDeque<Queued> failed;
        synchronized (this) {
            if (closedReason != null) {
                return;
            }
            closedReason = reason;
            failed = new ArrayDeque<Queued>(queued);
            queued.clear();
            notifyAll();
        }
        router.removeHandle(handle);
        ledger.remove(this);
        for (Queued q : failed) {
            q.done.completeExceptionally(closed());
        }
    }

    @Override
    public void onClose() {
        close("this context is shutting down");
    }

    private ChannelClosedException closed() {
        return new ChannelClosedException(
                "the channel to receiver " + receiverHandle + " in context " + contextId + " ended: " + closedReason);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static byte[] credit(int receiverHandle, int values, long bytes) {
        byte[] b = new byte[12];
        putInt(b, 0, receiverHandle);
        putInt(b, 4, values);
        putInt(b, 8, (int) Math.min(bytes, 0xffffffffL));
        return b;
    }

    static byte[] ended(int receiverHandle, String reason) {
        byte[] t = reason.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[4 + t.length];
        putInt(b, 0, receiverHandle);
        System.arraycopy(t, 0, b, 4, t.length);
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
