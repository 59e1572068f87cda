package io.econtext.internal.util;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on daemon threads, for child contexts (which do not load Netty). */
public final class JdkScheduler implements Scheduler {
    private final ScheduledThreadPoolExecutor executor;

    public JdkScheduler(String threadName) {
        this(threadName, 1);
    }

    /** @param threads how many tasks may run at once (a task that blocks holds one) */
    public JdkScheduler(final String threadName, int threads) {
        executor = new ScheduledThreadPoolExecutor(threads, new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            }
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        final ScheduledFuture<?> f = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return new Cancellable() {
            @Override
            public void cancel() {
                f.cancel(false);
            }
        };
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
