package io.econtext.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calls the soak may still make, and until when: each call takes a ticket, which is also its id (unique over
 * the run). Thread-safe.
 */
final class SoakBudget {
    private final long calls;
    private final long endNanos;
    private final AtomicLong taken = new AtomicLong();
    private volatile boolean stopped;

    SoakBudget(long calls, long durationNanos) {
        this.calls = calls;
        this.endNanos = System.nanoTime() + durationNanos;
    }

    /** The next call's id (1, 2, …), or {@code -1} when the calls are all made or the time is up. */
    long take() {
        if (over()) {
            return -1;
        }
        long id = taken.incrementAndGet();
        if (id > calls) {
            stopped = true;
            return -1;
        }
        return id;
    }

    /** True once no more calls are to be made. */
    boolean over() {
        if (!stopped && System.nanoTime() - endNanos >= 0) {
            stopped = true;
        }
        return stopped;
    }

    /** How many calls were made. */
    long made() {
        return Math.min(taken.get(), calls);
    }

    /** True when the run ended by its duration rather than by its number of calls. */
    boolean endedByTime() {
        return taken.get() < calls;
    }
}
