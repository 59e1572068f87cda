package io.econtext;

import java.util.concurrent.CompletableFuture;

/**
 * The sending end of a channel; see {@link Receiver}. Can be passed to other contexts as a value. Sends are ordered
 * and flow-controlled: the receiver grants each sending context a {@link ChannelWindow} (by default 1,024 values or 4 MiB
 * sent and not yet taken by its consumer), and a context that used it up waits until the consumer takes values. The
 * window is shared by every sender of the same receiver in one context.
 *
 * <pre>{@code
 * sender.send(v);                       // blocks while the window is used up
 * if (!sender.trySend(v)) { ... }       // never waits: false while the window is used up
 * sender.sendAsync(v).thenRun(...);     // never waits for the window; completes once sent, in order
 * }</pre>
 *
 * <p>When the channel ends for the sender (the receiver was closed or ended, its context died, or it refused this
 * context), {@code send}, {@code trySend} and the futures of {@code sendAsync} fail with a {@link
 * ChannelClosedException} that names the receiver and says why; so does a send after {@link #close}.
 *
 * <p>Who may use it: the receiver accepts values and the end of the channel only from the contexts its own context
 * handed the sender to (as a call argument or captured value), and from the contexts below those: a context may pass
 * a sender it holds down to its own children. A sender that reaches any other context (say, a child hands it to its
 * sibling through a side channel) is refused there, at the receiver, and its sends fail with {@link
 * ChannelClosedException}. To feed one receiver from several contexts, pass its sender to each from the receiver's
 * context (a sender that came back from a child may be passed on again from there).
 */
public interface Sender<T> extends AutoCloseable {
    /**
     * Sends one value, waiting while this context's window at the receiver is used up. Throws {@link CodecException}
     * when the value cannot cross the wire, {@link ChannelClosedException} when the channel ended, and {@link
     * EcontextException} (with the thread's interrupt flag set) when interrupted while waiting.
     */
    void send(T value);

    /**
     * Sends one value if the window has room for it now, without waiting for the receiver; false (nothing sent) when
     * it has none, or when values sent with {@link #sendAsync} still wait for room. Throws as {@link #send} does.
     * A sender without flow control sends and returns true.
     */
    default boolean trySend(T value) {
        send(value);
        return true;
    }

    /**
     * Sends one value without waiting for the window: encodes it on the calling thread (a {@link CodecException} is
     * thrown here), sends it at once when the window has room, else queues it and returns. Queued values are sent in
     * order, on a thread of the runtime, as the consumer frees the window. The future completes when the value was
     * handed to the stream, or fails with {@link ChannelClosedException}. Queued values are held in this JVM: bound
     * how many futures are open (e.g. chain on the previous one). A sender without flow control sends at once.
     */
    default CompletableFuture<Void> sendAsync(T value) {
        send(value);
        return CompletableFuture.completedFuture(null);
    }

    /** Ends the channel. Idempotent. */
    @Override
    void close();

    /** Id of the context holding the receiver. */
    int contextId();

    /** Handle of the receiver in that context. */
    int handle();
}
