package io.econtext;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call is made. Immutable.
 *
 * <pre>{@code
 * ctx.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(5)).withConcurrent(true)).call(Probes::hostname);
 * }</pre>
 *
 * @param deadline how long the caller waits for the answer, or {@code null} for no limit; when it passes, the call
 *     fails with {@link CallTimeoutException} and is cancelled in the context (interrupted if it runs)
 * @param concurrent run beside other calls instead of in the order sent (on at most 256 threads per context, further
 *     calls queued; see {@link ContextBusyException})
 */
public record CallOptions(Duration deadline, boolean concurrent) {
    /** No deadline; calls to one context run one after another in the order sent. */
    public static final CallOptions DEFAULT = new CallOptions(null, false);

    public CallOptions {
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline : " + deadline + " (expected: > 0)");
        }
    }

    public CallOptions withDeadline(Duration deadline) {
        return new CallOptions(Objects.requireNonNull(deadline, "deadline"), concurrent);
    }

    public CallOptions withConcurrent(boolean concurrent) {
        return new CallOptions(deadline, concurrent);
    }
}
