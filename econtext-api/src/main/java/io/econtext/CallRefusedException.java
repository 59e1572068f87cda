package io.econtext;

/** The destination refused a call: only ancestors of a context may call into it. */
public class CallRefusedException extends EcontextException {
    private static final long serialVersionUID = 1L;

    public CallRefusedException(String message) {
        super(message);
    }
}
