package io.econtext;

/** The bootstrap did not complete within the connect timeout. */
public class BootTimeoutException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public BootTimeoutException(String message, String outputTail) {
        super(message, null, outputTail);
    }
}
