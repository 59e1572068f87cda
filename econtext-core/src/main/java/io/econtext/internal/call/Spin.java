package io.econtext.internal.call;

import java.util.Queue;
import java.util.concurrent.Future;

/**
 * Brief busy-waiting before parking. A thread hand-off through park/unpark costs 6-7 µs here, twice per call; an
 * answer that is already on its way usually arrives within a few microseconds, so waiting for it actively for a short,
 * bounded time halves the round trip. The bound keeps an idle context from burning a core.
 */
final class Spin {
    /** How long to spin before parking. */
    static final long SPIN_NANOS = 30_000;

    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private Spin() {}

    /** Spins until {@code f} is done or the bound passed. */
    static void until(Future<?> f) {
        if (!MULTI_CORE) {
            return;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!f.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Spins until {@code q} has an element or the bound passed; returns it or {@code null}. */
    static <T> T poll(Queue<T> q) {
        if (!MULTI_CORE) {
            return null;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        T t;
        while ((t = q.poll()) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return t;
    }
}
