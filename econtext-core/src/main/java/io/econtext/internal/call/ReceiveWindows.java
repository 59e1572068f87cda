package io.econtext.internal.call;

import io.econtext.ChannelWindow;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.wire.Message;
import java.util.Arrays;

/**
 * The receiving side of a channel's flow control: for each sending context, what it has in flight (values received
 * and not yet given back as credit) and what the consumer took since the last credit message. Enforces the window:
 * a value that does not fit what this receiver granted is refused, never queued. Gives credit back in batches (when
 * the consumer took half the window), or at once when the sender said it waits (see {@link SendCredit} for the wire).
 *
 * <p>Threads: {@link #admit} runs on reader threads, {@link #taken} on the consumer's thread; both lock this object
 * briefly and allocate nothing but the credit message they may send (outside the lock).
 */
final class ReceiveWindows {
    /** {@link #admit}: queue the value. */
    static final int QUEUE = 0;
    /** {@link #admit}: nothing to queue (an attach or a wait notice, answered here). */
    static final int CONTROL = 1;
    /** {@link #admit}: the source sent past its window: refuse it and end the channel. */
    static final int REFUSE = 2;

    /** One sending context. */
    private static final class Source {
        final int id;
        int creditHandle;
        boolean granted;
        int inFlightValues;
        long inFlightBytes;
        int takenValues;
        long takenBytes;
        boolean waiting;

        Source(int id) {
            this.id = id;
        }
    }

    private final RouterCore router;
    private final int receiverHandle;
    private final ChannelWindow window;
    private final int batchValues;
    private final long batchBytes;
    private Source[] sources = new Source[0];

    ReceiveWindows(RouterCore router, int receiverHandle, ChannelWindow window) {
        this.router = router;
        this.receiverHandle = receiverHandle;
        this.window = window;
        this.batchValues = Math.max(1, window.values() / 2);
        this.batchBytes = Math.max(1, window.bytes() / 2);
    }

    /** This context's own senders: granted the window already (see {@link CreditLedger#local}). */
    synchronized void grantLocal(int creditHandle) {
        Source s = source(router.id());
        s.creditHandle = creditHandle;
        s.granted = true;
    }

    /**
     * Counts {@code m}, a value or an empty control message from its source, against that source's window; answers a
     * control message (the first: the window; a later one: the credit taken so far, or as soon as there is some).
     *
     * @return {@link #QUEUE}, {@link #CONTROL} or {@link #REFUSE}
     */
    int admit(Message m) {
        int size = m.data.length;
        Message answer = null;
        int verdict;
        synchronized (this) {
            Source s = source(m.src);
            if (m.replyTo != 0) {
                s.creditHandle = m.replyTo;
            }
            if (size == 0) {
                verdict = CONTROL;
                if (!s.granted) {
                    s.granted = true;
                    answer = credit(s, window.values(), window.bytes());
                } else if (s.takenValues > 0) {
                    answer = giveBack(s);
                } else {
                    s.waiting = true;
                }
            } else {
                s.granted = true; // a value without an attach (only a peer that ignores the protocol): same window
                boolean empty = s.inFlightValues == 0 && s.inFlightBytes == 0;
                if (s.inFlightValues >= window.values() || (!empty && s.inFlightBytes + size > window.bytes())) {
                    return REFUSE;
                }
                s.inFlightValues++;
                s.inFlightBytes += size;
                verdict = QUEUE;
            }
        }
        if (answer != null) {
            router.post(answer);
        }
        return verdict;
    }

    /** The consumer took {@code m}: gives credit back when a batch is full or its sender waits. Consumer's thread. */
    void taken(Message m) {
        Message answer = null;
        synchronized (this) {
            Source s = find(m.src);
            if (s == null) {
                return;
            }
            s.takenValues++;
            s.takenBytes += m.data.length;
            if (s.waiting || s.takenValues >= batchValues || s.takenBytes >= batchBytes) {
                answer = giveBack(s);
            }
        }
        if (answer != null) {
            router.post(answer);
        }
    }

    /** What each source in flight was told when the channel ended: a message per source that can be told. */
    synchronized Message[] ended(String reason) {
        Message[] out = new Message[sources.length];
        int n = 0;
        for (Source s : sources) {
            if (s.creditHandle != 0) {
                out[n++] = Message.of(
                        s.id,
                        router.id(),
                        s.creditHandle,
                        0,
                        Message.FLAG_CLOSE,
                        SendCredit.ended(receiverHandle, reason));
            }
        }
        sources = new Source[0];
        return Arrays.copyOf(out, n);
    }

    /** The window, for messages: e.g. {@code 1024 values / 4194304 bytes}. */
    String describe() {
        return window.values() + " values / " + window.bytes() + " bytes";
    }

    /** Values queued and not yet taken, over all sources (for tests and diagnostics). */
    synchronized int inFlight() {
        int n = 0;
        for (Source s : sources) {
            n += s.inFlightValues - s.takenValues;
        }
        return n;
    }

    private Message giveBack(Source s) {
        int v = s.takenValues;
        long b = s.takenBytes;
        s.inFlightValues -= v;
        s.inFlightBytes -= b;
        s.takenValues = 0;
        s.takenBytes = 0;
        s.waiting = false;
        return credit(s, v, b);
    }

    private Message credit(Source s, int values, long bytes) {
        if (s.creditHandle == 0) {
            return null;
        }
        return Message.of(s.id, router.id(), s.creditHandle, 0, 0, SendCredit.credit(receiverHandle, values, bytes));
    }

    private Source find(int id) {
        Source[] all = sources;
        for (int i = 0; i < all.length; i++) {
            if (all[i].id == id) {
                return all[i];
            }
        }
        return null;
    }

    private Source source(int id) {
        Source s = find(id);
        if (s == null) {
            s = new Source(id);
            sources = Arrays.copyOf(sources, sources.length + 1);
            sources[sources.length - 1] = s;
        }
        return s;
    }
}
