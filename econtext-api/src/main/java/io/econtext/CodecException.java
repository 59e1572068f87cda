package io.econtext;

/**
 * A value could not cross the wire: its type is outside the codec's closed set, or the bytes received were not a
 * valid encoding. Fails the one call or message that carried it; nothing else is dropped.
 */
public class CodecException extends EcontextException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
