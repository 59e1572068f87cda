package io.econtext.internal.util;

import java.util.concurrent.Executor;

/**
 * Timers and short control tasks. The master backs it with its Netty event loop; a child with one daemon thread.
 * Tasks must not block.
 */
public interface Scheduler extends Executor {
    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} once after {@code delayMillis}. */
    Cancellable schedule(Runnable task, long delayMillis);
}
