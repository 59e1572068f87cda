package io.econtext;

/**
 * The context refused this one call because its queue of concurrent calls is full: as many calls as it runs at once
 * run, and as many as it queues wait. The context lives on, and answers calls again as soon as calls finish. Retry
 * later, or raise the limits with the context's JVM options {@code -Decontext.concurrentCalls=N} (threads, default
 * 256) and {@code -Decontext.queuedCalls=N} (waiting calls, default 10,000).
 */
public class ContextBusyException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final String contextName;
    private final String reason;

    public ContextBusyException(String contextName, String reason) {
        super("context '" + contextName + "' refused the call: " + reason);
        this.contextName = contextName;
        this.reason = reason;
    }

    /** The name of the context that refused the call. */
    public String contextName() {
        return contextName;
    }

    /** What the context said, without its name. */
    public String reason() {
        return reason;
    }
}
