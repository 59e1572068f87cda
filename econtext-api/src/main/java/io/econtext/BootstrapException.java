package io.econtext;

/**
 * A child context could not be started. The message says what happened and, where known, what to do; the exit status
 * of the transport process and the tail of what it printed are kept for programs that want to inspect them.
 */
public class BootstrapException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final Integer exitStatus;
    private final String outputTail;

    public BootstrapException(String message, Integer exitStatus, String outputTail) {
        super(compose(message, exitStatus, outputTail));
        this.exitStatus = exitStatus;
        this.outputTail = outputTail == null ? "" : outputTail;
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = null;
        this.outputTail = "";
    }

    private static String compose(String message, Integer exitStatus, String tail) {
        StringBuilder b = new StringBuilder(message);
        if (exitStatus != null) {
            b.append(" (exit status ").append(exitStatus).append(')');
        }
        if (tail != null && !tail.isBlank()) {
            b.append("\n--- output ---\n").append(tail.strip());
        }
        return b.toString();
    }

    /** Exit status of the transport process, or {@code null} when it had not exited. */
    public Integer exitStatus() {
        return exitStatus;
    }

    /** The last lines the transport process printed before the handshake (stdout junk and stderr). */
    public String outputTail() {
        return outputTail;
    }
}
