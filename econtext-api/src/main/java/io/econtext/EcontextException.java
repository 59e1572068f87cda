package io.econtext;

/** Root of every exception econtext throws. Unchecked: callers decide what to catch. */
public class EcontextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EcontextException(String message) {
        super(message);
    }

    public EcontextException(String message, Throwable cause) {
        super(message, cause);
    }
}
