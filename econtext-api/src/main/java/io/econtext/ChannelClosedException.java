package io.econtext;

/** A receiver was read after its channel ended. */
public class ChannelClosedException extends EcontextException {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message) {
        super(message);
    }
}
