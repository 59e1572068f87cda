package io.econtext.internal.router;

import io.econtext.internal.wire.Message;

/**
 * Gets the messages sent to one handle.
 *
 * <p>Threads: called on the reader thread of the stream the message arrived on (or the sender's thread for local
 * delivery). Must not block and must not load user classes: hand such work to another thread.
 */
public interface HandleReceiver {
    void receive(Message message, Stream from);

    /** The handle is being removed because its context is shutting down. */
    default void onClose() {}

    /**
     * The most data bytes this handle takes in one message sent in parts (see {@link Parts}), i.e. larger than a frame
     * may be; 0 (the default): none, such a message is answered as if the handle did not exist.
     */
    default long maxPartedBytes() {
        return 0;
    }
}
