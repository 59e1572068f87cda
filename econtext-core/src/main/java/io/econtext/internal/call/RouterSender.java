package io.econtext.internal.call;

import io.econtext.ChannelClosedException;
import io.econtext.CodecException;
import io.econtext.Sender;
import io.econtext.internal.codec.Handover;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.wire.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Sends values to a receiver's handle in some context. Values are encoded on the sending thread and flushed per
 * send, so a producer that stops never leaves values stranded in a buffer. Each value takes credit from this
 * context's {@link SendCredit} for the receiver, shared with every other sender of it here: a sender out of credit
 * waits ({@link #send}), declines ({@link #trySend}) or queues ({@link #sendAsync}).
 *
 * <p>A receiver admits only the contexts its sender was handed to ({@link io.econtext.internal.router.Policy#GRANTED}):
 * when a sender of a receiver in this context is encoded into a message for another context, {@link #handedTo} grants
 * that context (and so the contexts below it). A sender of a receiver elsewhere grants nothing where it is encoded:
 * passed down to a descendant it works, as the descendant is below a context it was handed to; passed anywhere else,
 * its values are refused at the receiver.
 */
public final class RouterSender<T> implements Sender<T>, Handover {
    private final RouterCore router;
    private final ValueCodec codec;
    private final SendCredit credit;
    private final int contextId;
    private final int handle;
    private volatile boolean closed;

    RouterSender(RouterCore router, ValueCodec codec, SendCredit credit) {
        this.router = router;
        this.codec = codec;
        this.credit = credit;
        this.contextId = credit.contextId;
        this.handle = credit.receiverHandle;
    }

    /**
     * The sender a decoded reference names, with this context's credit at its receiver (a first reference asks the
     * receiver for a window, which also tells it that this context holds a sender: the channel ends if this context
     * dies before sending anything). A reference names a receiver, and receivers have allocated handles only: one that
     * names a well-known handle (a call, a boot, a shutdown, ...) comes from a context that would make this one send
     * there, and is refused before anything is sent.
     *
     * @throws io.econtext.CodecException when {@code handle} is below {@link Handles#FIRST_DYNAMIC}
     */
    public static <T> RouterSender<T> referenced(
            RouterCore router, ValueCodec codec, CreditLedger ledger, int contextId, int handle) {
        if (handle < Handles.FIRST_DYNAMIC) {
            throw new CodecException("refused a reference to sender " + handle + " of context " + contextId
                    + ": handle " + handle + " is a well-known handle, not a receiver's");
        }
        return new RouterSender<T>(router, codec, ledger.entry(contextId, handle));
    }

    @Override
    public void send(T value) {
        credit.send(encode(value));
    }

    @Override
    public boolean trySend(T value) {
        return credit.trySend(encode(value));
    }

    @Override
    public CompletableFuture<Void> sendAsync(T value) {
        return credit.sendAsync(encode(value));
    }

    private Message encode(T value) {
        if (closed) {
            throw new ChannelClosedException(
                    "sender to receiver " + handle + " in context " + contextId + " is closed (close() was called)");
        }
        return Message.of(contextId, router.id(), handle, credit.handle, 0, codec.encode(value, contextId));
    }

    @Override
    public void handedTo(int destination) {
        if (contextId == router.id()) {
            router.grant(handle, destination);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            router.send(Message.of(contextId, router.id(), handle, credit.handle, Message.FLAG_CLOSE, null));
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
