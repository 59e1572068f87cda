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
 * @param deadline how long the caller waits for the answer, or {@code null} for no limit
 * @param concurrent run beside other calls instead of in the order sent
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
