package io.econtext;

/** The target has no usable {@code java}: the command was not found, or its version is older than 17. */
public class JavaNotFoundException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public JavaNotFoundException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
