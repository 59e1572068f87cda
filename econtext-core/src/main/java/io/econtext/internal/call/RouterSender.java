package io.econtext.internal.call;

import io.econtext.Sender;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.wire.Message;

/**
 * Sends values to a receiver's handle in some context. Values are encoded on the sending thread and flushed per
 * send, so a producer that stops never leaves values stranded in a buffer.
 */
public final class RouterSender<T> implements Sender<T> {
    private final RouterCore router;
    private final ValueCodec codec;
    private final int contextId;
    private final int handle;
    private volatile boolean closed;

    public RouterSender(RouterCore router, ValueCodec codec, int contextId, int handle) {
        this.router = router;
        this.codec = codec;
        this.contextId = contextId;
        this.handle = handle;
    }

    /**
     * Tells the receiver that this context holds the sender, so that the channel ends if this context dies before
     * sending anything. Wire: an empty message (a value is never empty: it has at least the codec's version byte).
     */
    public RouterSender<T> attach() {
        if (contextId != router.id()) {
            router.send(Message.of(contextId, router.id(), handle, 0, 0, null));
        }
        return this;
    }

    @Override
    public void send(T value) {
        if (closed) {
            throw new IllegalStateException("sender to handle " + handle + " in context " + contextId + " is closed");
        }
        router.send(Message.of(contextId, router.id(), handle, 0, 0, codec.encode(value)));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            router.send(Message.of(contextId, router.id(), handle, 0, Message.FLAG_CLOSE, null));
        }
    }

    @Override
    public int contextId() {
        return contextId;
    }

    @Override
    public int handle() {
        return handle;
    }

    @Override
    public String toString() {
        return "Sender(context=" + contextId + ", handle=" + handle + ")";
    }
}
