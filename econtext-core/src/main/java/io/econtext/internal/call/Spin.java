package io.econtext.internal.call;

import java.util.concurrent.Future;

/**
 * Busy-waiting before parking, for a caller that waits for its answer, for about as long as answers from one context
 * usually take. One instance per context: it learns that context's typical round trip.
 *
 * <p>Why spin: a thread parked on this 2-core VM costs its waker a wake-up, and its idle core a wake from halt, of
 * 6-20 µs; an answer on its way usually arrives within tens of microseconds. Why adapt: a caller that spins a fixed
 * time and then parks anyway pays both the spin and the wake-up. Answers from a 3rd hop take ~100 µs here, so a fixed
 * 50 µs spin always ran out, and under load so did many from the 1st hop. Fixed 50 µs against adaptive, alternating
 * in one run (load ~5 from other builds): 1st hop 73-77 µs against 31-49 µs, 3rd hop 137-154 µs against 102-127 µs.
 * Calls that usually take longer than {@link #MAX_NANOS} spin only the base time: spinning through a long call would
 * only burn a core. Measured on 2 cores (median round trip, 1st hop): no spin 55-62 µs, caller spins 50 µs 33-35 µs,
 * both caller and the child's call thread spin 53-75 µs (two spinners starve the threads that do the work), so only
 * callers spin.
 *
 * <p>Threads: any; the estimate is updated without locking (a lost update only delays the adaptation).
 */
final class Spin {
    /** The least time to spin; {@code -Decontext.spinMicros=N} overrides, 0 disables spinning. */
    static final long BASE_NANOS = Long.getLong("econtext.spinMicros", 50L) * 1000L;
    /** Round trips usually longer than this are waited for by parking after the base spin. */
    static final long MAX_NANOS = Long.getLong("econtext.spinMaxMicros", 400L) * 1000L;

    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1 && BASE_NANOS > 0;

    /** A moving average of recent round trips, in nanoseconds (each new one weighs 1/8); 0 before the first. */
    private volatile long typicalNanos;

    /** Spins until {@code f} is done or this context's spin time since {@code startNanos} passed. */
    void until(Future<?> f, long startNanos) {
        if (!MULTI_CORE) {
            return;
        }
        long deadline = startNanos + budgetNanos();
        while (!f.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Learns from a round trip that started at {@code startNanos} and was just answered; returns its length. */
    long answered(long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        learn(nanos);
        return nanos;
    }

    /** Learns from a round trip of {@code nanos}. */
    void learn(long nanos) {
        long sample = Math.min(nanos, 2 * MAX_NANOS);
        long t = typicalNanos;
        typicalNanos = t + (sample - t) / 8;
    }

    long budgetNanos() {
        long typical = typicalNanos;
        return typical > MAX_NANOS ? BASE_NANOS : Math.max(BASE_NANOS, Math.min(MAX_NANOS, 2 * typical));
    }
}
