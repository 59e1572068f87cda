package io.econtext.internal.call;

import io.econtext.ChannelClosedException;
import io.econtext.EcontextException;
import io.econtext.Receiver;
import io.econtext.Sender;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
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
 * <p>Only the contexts its sender was handed to (and those below them) may send values or CLOSE: the handle's policy
 * is {@link Policy#GRANTED}, and {@link RouterSender#handedTo} grants a context when the sender is encoded for it. The
 * router refuses anyone else before this receiver sees the message.
 */
public final class ChannelReceiver<T> implements Receiver<T>, HandleReceiver, RouterCore.LossListener {
    private static final Message END = Message.of(0, 0, 0, 0, Message.FLAG_CLOSE, null);

    private final RouterCore router;
    private final ValueCodec codec;
    private final int handle;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<Message>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<Runnable>();
    private final Set<Integer> sources = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean ended;
    private volatile String endReason;
    private boolean drained;

    public ChannelReceiver(RouterCore router, ValueCodec codec) {
        this.router = router;
        this.codec = codec;
        this.handle = router.newHandle(this, Policy.GRANTED, false, -1);
        router.addLossListener(this);
    }

    @Override
    public Sender<T> sender() {
        return new RouterSender<T>(router, codec, router.id(), handle);
    }

    @Override
    public void receive(Message m, Stream from) {
        if (ended) {
            return;
        }
        if (m.src != router.id()) {
            sources.add(m.src);
        }
        if (m.data.length == 0 && !m.has(Message.FLAG_CLOSE)) {
            return; // an attach notice: a context now holds a sender (see RouterSender#attach)
        }
        if (m.has(Message.FLAG_CLOSE)) {
            end(null);
        } else {
            queue.add(m);
            signal();
        }
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
        if (ended) {
            return;
        }
        endReason = reason;
        ended = true;
        queue.add(END);
        router.removeHandle(handle);
        signal();
    }

    private void signal() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    @Override
    public Optional<T> poll(Duration timeout) {
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
            return Optional.empty();
        }
        if (m == END) {
            drained = true;
            throw closedException();
        }
        return Optional.ofNullable(decode(m));
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

    @Override
    public void close() {
        end("the receiver was closed");
        queue.clear();
        queue.add(END);
    }
}
