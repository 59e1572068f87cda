package io.econtext;

/**
 * The sending end of a channel; see {@link Receiver}. Can be passed to other contexts as a value. Sends are
 * asynchronous and ordered; the stream's pipe gives back-pressure.
 *
 * <p>Who may use it: the receiver accepts values and the end of the channel only from the contexts its own context
 * handed the sender to (as a call argument or captured value), and from the contexts below those: a context may pass
 * a sender it holds down to its own children. A sender that reaches any other context (say, a child hands it to its
 * sibling through a side channel) is refused there, at the receiver: its values are dropped and logged. To feed one
 * receiver from several contexts, pass its sender to each from the receiver's context (a sender that came back from
 * a child may be passed on again from there).
 */
public interface Sender<T> extends AutoCloseable {
    /** Sends one value. Throws {@link CodecException} when it cannot cross the wire. */
    void send(T value);

    /** Ends the channel. Idempotent. */
    @Override
    void close();

    /** Id of the context holding the receiver. */
    int contextId();

    /** Handle of the receiver in that context. */
    int handle();
}
