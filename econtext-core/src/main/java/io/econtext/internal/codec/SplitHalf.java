package io.econtext.internal.codec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The second half of a list that {@link StringLists} or {@link RecordLists} splits between two threads: offered to a
 * helper of the common pool, and claimed once, by the helper or else by the caller. (A class, not a lambda: the codec
 * is part of the child's runtime, which bootstraps no lambda.)
 *
 * <pre>
 *   caller:  start() ──▶ its own half ──▶ finish(): runs this half unless the helper claimed it, waits for it
 *   helper:              run(): claims this half, or finds it claimed and returns
 *   (finish(nanos): waits that long at most; a helper still at it then is left to finish for nothing)
 * </pre>
 */
abstract class SplitHalf implements Runnable {
    private static final Executor HELPERS = ForkJoinPool.commonPool();

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean ok;
    private volatile Throwable failure;

    /** Does the half; false when its elements are not what the split expects. */
    abstract boolean work();

    /** Offers the half to a helper; a pool that refuses it leaves it to {@link #finish}. */
    final void start() {
        try {
            HELPERS.execute(this);
        } catch (RuntimeException rejected) {
            // the caller runs it in finish()
        }
    }

    @Override
    public final void run() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            ok = work();
        } catch (Throwable t) {
            failure = t;
        } finally {
            done.countDown();
        }
    }

    /** Runs the half unless the helper claimed it, waits for it; returns its result or throws its failure. */
    final boolean finish() {
        return finish(Long.MAX_VALUE); // some 292 years: never null
    }

    /**
     * Runs the half unless the helper claimed it, and waits for it at most {@code nanos}: for a half that runs the
     * application's code (a record's accessors or constructor), which may block, e.g. on a lock the caller holds.
     * Returns its result or throws its failure; {@code null} when the helper has it and is not done in time: the
     * caller then does that half itself, and what the helper makes is never used.
     */
    final Boolean finish(long nanos) {
        run();
        boolean interrupted = false;
        boolean finished;
        long deadline = System.nanoTime() + nanos;
        while (true) {
            try {
                finished = done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            return null;
        }
        Throwable t = failure;
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return ok;
    }
}
