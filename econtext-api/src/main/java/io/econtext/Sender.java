package io.econtext;

/**
 * The sending end of a channel; see {@link Receiver}. Can be passed to other contexts as a value. Sends are
 * asynchronous and ordered; the stream's pipe gives back-pressure.
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
