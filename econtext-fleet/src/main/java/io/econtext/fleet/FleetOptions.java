package io.econtext.fleet;

import java.time.Duration;

/**
 * How a {@link Fleet} connects and calls. Immutable; each {@code with} returns a copy.
 *
 * <pre>{@code
 * FleetOptions.defaults().withParallelism(100).withCallDeadline(Duration.ofSeconds(10))
 * }</pre>
 */
public final class FleetOptions {
    /** Boots under way at once by default. */
    public static final int DEFAULT_PARALLELISM = 32;
    /** The most boots under way at once. */
    public static final int MAX_PARALLELISM = 1024;
    /** Per-host deadline of a call or command by default. */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(60);

    private static final FleetOptions DEFAULTS = new FleetOptions(DEFAULT_PARALLELISM, DEFAULT_CALL_DEADLINE);

    private final int parallelism;
    private final Duration callDeadline;

    private FleetOptions(int parallelism, Duration callDeadline) {
        this.parallelism = parallelism;
        this.callDeadline = callDeadline;
    }

    /** 32 boots at once, a 60 s deadline per host for calls and commands. */
    public static FleetOptions defaults() {
        return DEFAULTS;
    }

    /** Boots under way at once (each host's boot is bounded by its spec's connect timeout). */
    public FleetOptions withParallelism(int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "parallelism : " + parallelism + " (expected: 1-" + MAX_PARALLELISM + ")");
        }
        return new FleetOptions(parallelism, callDeadline);
    }

    /** The deadline of each host's call or command, counted from the operation's start. */
    public FleetOptions withCallDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("callDeadline : " + deadline + " (expected: > 0, e.g. PT30S)");
        }
        return new FleetOptions(parallelism, deadline);
    }

    public int parallelism() {
        return parallelism;
    }

    public Duration callDeadline() {
        return callDeadline;
    }

    @Override
    public String toString() {
        return "FleetOptions(parallelism=" + parallelism + ", callDeadline=" + callDeadline + ")";
    }
}
