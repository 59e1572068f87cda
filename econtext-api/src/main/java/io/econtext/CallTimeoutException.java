package io.econtext;

import java.time.Duration;

/**
 * A call's deadline passed before its answer arrived. Thrown by {@code call}; {@code callAsync}'s future completes
 * exceptionally with it. The call was cancelled in the context: a call that has not started is dropped, a running
 * one is interrupted (a call that ignores interrupts runs to its end, and the calls queued behind it wait for it).
 */
public class CallTimeoutException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final String contextName;
    private final Duration deadline;

    public CallTimeoutException(String contextName, Duration deadline) {
        super("call to context '" + contextName + "' did not answer within " + deadline.toMillis() + " ms");
        this.contextName = contextName;
        this.deadline = deadline;
    }

    /** The name of the context that did not answer in time. */
    public String contextName() {
        return contextName;
    }

    /** The call's deadline. */
    public Duration deadline() {
        return deadline;
    }
}
