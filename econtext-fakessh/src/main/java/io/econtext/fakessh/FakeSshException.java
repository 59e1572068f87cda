package io.econtext.fakessh;

import io.econtext.EcontextException;

/** A fakessh run could not start its program, or was cancelled by its deadline. The message says which and why. */
public class FakeSshException extends EcontextException {
    private static final long serialVersionUID = 1L;

    public FakeSshException(String message) {
        super(message);
    }

    public FakeSshException(String message, Throwable cause) {
        super(message, cause);
    }
}
