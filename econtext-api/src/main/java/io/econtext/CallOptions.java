package io.econtext;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call is made. Immutable.
 *
 * <pre>{@code
 * ctx.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(5)).withConcurrent(true)).call(Probes::hostname);
 * ctx.with(CallOptions.DEFAULT.withMaxValueSize(1L << 30)).call(() -> Files.readAllBytes(image));  // up to 1 GiB
 * }</pre>
 *
 * @param deadline how long the caller waits for the answer, or {@code null} for no limit; when it passes, the call
 *     fails with {@link CallTimeoutException} and is cancelled in the context (interrupted if it runs)
 * @param concurrent run beside other calls instead of in the order sent (on at most 256 threads per context, further
 *     calls queued; see {@link ContextBusyException})
 */
public record CallOptions(Duration deadline, boolean concurrent, long maxValueSize) {
    /** The default {@link #maxValueSize()}: 256 MiB. */
    public static final long DEFAULT_MAX_VALUE_SIZE = 256L << 20;
    /** The largest {@link #maxValueSize()}: what one Java array holds. */
    public static final long MAX_VALUE_SIZE = Integer.MAX_VALUE - 8;

    /** No deadline; calls to one context run one after another in the order sent; values up to 256 MiB encoded. */
    public static final CallOptions DEFAULT = new CallOptions(null, false, DEFAULT_MAX_VALUE_SIZE);

    /**
     * @param maxValueSize the most bytes the call's request (its function and arguments) and its answer may take
     *     encoded: a larger request fails at the caller, a larger answer fails the call with {@link CodecException} as
     *     soon as its size is known, before it crossed; values larger than a frame travel in parts, so this is the
     *     only size a call needs
     */
    public CallOptions {
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline : " + deadline + " (expected: > 0)");
        }
        if (maxValueSize < 1 || maxValueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException(
                    "maxValueSize : " + maxValueSize + " (expected: 1.." + MAX_VALUE_SIZE + " bytes)");
        }
    }

    /** Options with {@link #DEFAULT_MAX_VALUE_SIZE}. */
    public CallOptions(Duration deadline, boolean concurrent) {
        this(deadline, concurrent, DEFAULT_MAX_VALUE_SIZE);
    }

    public CallOptions withDeadline(Duration deadline) {
        return new CallOptions(Objects.requireNonNull(deadline, "deadline"), concurrent, maxValueSize);
    }

    public CallOptions withConcurrent(boolean concurrent) {
        return new CallOptions(deadline, concurrent, maxValueSize);
    }

    /** The most bytes the call's request and its answer may take encoded, 1 byte to 2 GiB. */
    public CallOptions withMaxValueSize(long bytes) {
        return new CallOptions(deadline, concurrent, bytes);
    }
}
