package io.econtext.internal.call;

import io.econtext.ChannelClosedException;
import io.econtext.ChannelWindow;
import io.econtext.EcontextException;
import io.econtext.Receiver;
import io.econtext.Select;
import io.econtext.Sender;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of a channel: a handle whose messages are queued raw (decoding happens on the consumer's thread,
 * where loading a class may block). The channel ends with a {@code FLAG_CLOSE} message, or when a context that holds
 * its sender is lost: a context that decodes a sender announces itself with an empty message, so a producer that dies
 * before its first value still ends the channel.
 *
 * <p>Flow control ({@link ReceiveWindows}): each sending context gets a {@link ChannelWindow}, granted in answer to its
 * empty announcement, and credit back as the consumer takes values; a context that sends past its window is refused
 * (a warning within its stream's limiter) and the channel ends. So the queue holds at most a window per sending
 * context. When the channel ends, every sending context is told ({@code FLAG_CLOSE} to its credit handle), and its
 * senders fail with {@link ChannelClosedException}.
 *
 * <p>Only the contexts its sender was handed to (and those below them) may send values or CLOSE: the handle's policy
 * is {@link Policy#GRANTED}, and {@link RouterSender#handedTo} grants a context when the sender is encoded for it. The
 * router refuses anyone else before this receiver sees the message.
 */
public final class ChannelReceiver<T> implements Receiver<T>, HandleReceiver, RouterCore.LossListener {
    private static final Log LOG = Log.get(ChannelReceiver.class);
    private static final Message END = Message.of(0, 0, 0, 0, Message.FLAG_CLOSE, null);

    private final RouterCore router;
    private final ValueCodec codec;
    private final CallClient.ContextNames names;
    private final int handle;
    private final ReceiveWindows windows;
    private final SendCredit localCredit;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<Message>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<Runnable>();
    private final Set<Integer> sources = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean ended;
    private volatile String endReason;
    private boolean drained;

    /** A receiver that names the contexts that send to it by id ({@code context 3}). */
    public ChannelReceiver(RouterCore router, ValueCodec codec, CreditLedger ledger, ChannelWindow window) {
        this(router, codec, ledger, window, new CallClient.ContextNames() {
            @Override
            public String nameOf(int contextId) {
                return "context " + contextId;
            }
        });
    }

    /**
     * @param names names the context that sent a value, for {@link #pollEvent} (the router's names, or the ids)
     */
    public ChannelReceiver(
            RouterCore router,
            ValueCodec codec,
            CreditLedger ledger,
            ChannelWindow window,
            CallClient.ContextNames names) {
        this.router = router;
        this.names = names;
        this.codec = codec;
        this.handle = router.newHandle(this, Policy.GRANTED, false, -1);
        this.windows = new ReceiveWindows(router, handle, window);
        this.localCredit = ledger.local(handle, window);
        windows.grantLocal(localCredit.handle);
        router.addLossListener(this);
    }

    /** The most bytes one value sent to this channel may take encoded: values larger than a frame come in parts. */
    @Override
    public long maxPartedBytes() {
        return io.econtext.CallOptions.DEFAULT_MAX_VALUE_SIZE;
    }

    @Override
    public Sender<T> sender() {
        return new RouterSender<T>(router, codec, localCredit);
    }

    @Override
    public void receive(Message m, Stream from) {
        if (ended) {
            return;
        }
        if (m.src != router.id()) {
            sources.add(m.src);
        }
        if (m.has(Message.FLAG_CLOSE)) {
            end(null);
            return;
        }
        if (m.has(Message.FLAG_DEAD)) { // a value in parts this context refused (larger than the channel takes)
            String reason = io.econtext.internal.router.DeadReason.textOf(m.data);
            LOG.warn("receiver " + handle + ": " + reason + "; the channel ends");
            end(reason);
            return;
        }
        int verdict = windows.admit(m); // an empty message: a context holds a sender, or waits for credit
        if (verdict == ReceiveWindows.QUEUE) {
            queue.add(m);
            signal();
        } else if (verdict == ReceiveWindows.REFUSE) {
            String reason = "context " + m.src + " sent past its window of " + window() + " (refused)";
            String note = from == null ? "" : from.refusals().admit();
            if (note != null) {
                LOG.warn("receiver " + handle + ": " + reason + "; the channel ends" + note);
            }
            end(reason);
        }
    }

    private String window() {
        return windows.describe();
    }

    @Override
    public void contextsLost(Set<Integer> ids, String reason) {
        if (!java.util.Collections.disjoint(ids, sources)) {
            end("the sending context disconnected: " + reason);
        }
    }

    @Override
    public void onClose() {
        end("this context is shutting down");
    }

    private void end(String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            endReason = reason;
            ended = true;
        }
        queue.add(END);
        String told = reason != null ? reason : "its sender was closed";
        for (Message m : windows.ended(told)) {
            router.post(m);
        }
        router.removeHandle(handle);
        router.removeLossListener(this);
        signal();
    }

    private void signal() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    @Override
    public Optional<T> poll(Duration timeout) {
        Message m = take(timeout);
        return m == null ? Optional.<T>empty() : Optional.ofNullable(decode(m));
    }

    /** Like {@link #poll}, with the context that sent the value: its id is the message's source, its name ours. */
    @Override
    public Optional<Select.Event<T>> pollEvent(Duration timeout) {
        Message m = take(timeout);
        if (m == null) {
            return Optional.empty();
        }
        return Optional.of(new Select.Event<T>(this, decode(m), m.src, names.nameOf(m.src)));
    }

    /** The next value's message, taken from the queue (its credit given back), or null after {@code timeout}. */
    private Message take(Duration timeout) {
        if (drained) {
            throw closedException();
        }
        Message m;
        try {
            m = queue.poll();
            if (m == null && !timeout.isZero()) {
                Stream.beforeBlocking();
                m = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcontextException("interrupted while waiting on a receiver", e);
        }
        if (m == null) {
            return null;
        }
        if (m == END) {
            drained = true;
            throw closedException();
        }
        windows.taken(m);
        return m;
    }

    @Override
    public T next() {
        if (drained) {
            throw closedException();
        }
        Message m;
        try {
            m = queue.poll();
            if (m == null) {
                Stream.beforeBlocking();
                m = queue.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcontextException("interrupted while waiting on a receiver", e);
        }
        if (m == END) {
            drained = true;
            throw closedException();
        }
        windows.taken(m);
        return decode(m);
    }

    @SuppressWarnings("unchecked")
    private T decode(Message m) {
        return (T) codec.decode(m.data, 0, m.data.length);
    }

    private RuntimeException closedException() {
        String reason = endReason;
        if (reason != null) {
            return new ChannelClosedException("channel ended: " + reason);
        }
        return new ChannelClosedException("channel ended: its sender was closed");
    }

    @Override
    public boolean isDrained() {
        if (drained) {
            return true;
        }
        if (ended && queue.peek() == END) {
            drained = true;
            queue.poll();
        }
        return drained;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<T>() {
            private T next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                if (ready) {
                    return true;
                }
                if (drained) {
                    return false;
                }
                try {
                    next = ChannelReceiver.this.next();
                    ready = true;
                    return true;
                } catch (ChannelClosedException e) {
                    if (endReason != null) {
                        throw e;
                    }
                    return false;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    @Override
    public void onActivity(Runnable listener) {
        listeners.add(listener);
        if (!queue.isEmpty()) {
            listener.run();
        }
    }

    /** Values queued and not yet taken (for tests and diagnostics). */
    public int queued() {
        return windows.inFlight();
    }

    @Override
    public void close() {
        end("the receiver was closed");
        queue.clear();
        queue.add(END);
    }
}
