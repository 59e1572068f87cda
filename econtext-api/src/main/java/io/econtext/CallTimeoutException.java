package io.econtext;

import java.time.Duration;

/** A call's deadline passed before its answer arrived. The remote function may still be running. */
public class CallTimeoutException extends EcontextException {
    private static final long serialVersionUID = 1L;

    public CallTimeoutException(String contextName, Duration deadline) {
        super("call to context '" + contextName + "' did not answer within " + deadline.toMillis() + " ms");
    }
}
