package io.econtext.internal.util;

import java.util.ArrayList;

/**
 * A {@link Scheduler} for child contexts (which do not load Netty): one daemon thread runs the timers, started by the
 * first one; {@link #execute} runs a task on a daemon thread of its own, for the rare task that may block (a ping
 * written to a parent whose pipe is full) and must not hold up the timers.
 *
 * <p>Built on {@link Thread} and {@link Object#wait} only: a child boots without loading the JDK's scheduled
 * executors (some twenty classes that are not in the JDK's shared archive; measured as part of each child's boot).
 * A child has a handful of timers at most (the heartbeat, a boot's connect timeout, reaping), so the next one due is
 * found by a scan.
 *
 * <pre>
 *   schedule(task, delay) ──► timers (under lock) ──► timer thread: wait until the earliest is due, run it
 *   execute(task)          ──► a new daemon thread
 * </pre>
 */
public final class JdkScheduler implements Scheduler {
    private static final Log LOG = Log.get(JdkScheduler.class);

    private final String threadName;
    /** Guarded by itself; also the monitor the timer thread waits on. */
    private final ArrayList<Timer> timers = new ArrayList<Timer>();

    private Thread thread;
    private boolean shutdown;

    public JdkScheduler(String threadName) {
        this.threadName = threadName;
    }

    /** A timer, cancellable until it ran. */
    private final class Timer implements Cancellable {
        final Runnable task;
        final long due;

        Timer(Runnable task, long due) {
            this.task = task;
            this.due = due;
        }

        @Override
        public void cancel() {
            synchronized (timers) {
                timers.remove(this);
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        synchronized (timers) {
            if (shutdown) {
                return;
            }
        }
        Thread t = new Thread(guarded(task), threadName + "-task");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        Timer timer = new Timer(task, System.nanoTime() + Math.max(0, delayMillis) * 1_000_000L);
        synchronized (timers) {
            if (shutdown) {
                return timer;
            }
            timers.add(timer);
            if (thread == null) {
                thread = new Thread(
                        new Runnable() {
                            @Override
                            public void run() {
                                runTimers();
                            }
                        },
                        threadName);
                thread.setDaemon(true);
                thread.start();
            } else {
                timers.notifyAll();
            }
        }
        return timer;
    }

    private void runTimers() {
        while (true) {
            Timer next;
            synchronized (timers) {
                while (true) {
                    if (shutdown) {
                        return;
                    }
                    next = earliest();
                    long wait = next == null ? Long.MAX_VALUE : next.due - System.nanoTime();
                    if (wait <= 0) {
                        timers.remove(next);
                        break;
                    }
                    try {
                        if (next == null) {
                            timers.wait();
                        } else {
                            timers.wait(Math.max(1, wait / 1_000_000L), 0);
                        }
                    } catch (InterruptedException e) {
                        return; // shutdown()
                    }
                }
            }
            guarded(next.task).run();
        }
    }

    /** The timer due first, or null. Under the lock. */
    private Timer earliest() {
        Timer first = null;
        for (int i = 0; i < timers.size(); i++) {
            Timer t = timers.get(i);
            if (first == null || t.due - first.due < 0) {
                first = t;
            }
        }
        return first;
    }

    private static Runnable guarded(final Runnable task) {
        return new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("a timer task failed", e);
                }
            }
        };
    }

    /** Drops the timers not run yet and ends the timer thread. Tasks already running finish. */
    public void shutdown() {
        Thread t;
        synchronized (timers) {
            shutdown = true;
            timers.clear();
            timers.notifyAll();
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
