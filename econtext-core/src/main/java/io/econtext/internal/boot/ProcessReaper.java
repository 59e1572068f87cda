package io.econtext.internal.boot;

import io.econtext.internal.util.Log;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the processes of child contexts: the one owner of that job, in the master and in every intermediate, for a
 * boot that failed, a context that was lost, one that was shut down and a router that closed. The policy, per
 * process:
 *
 * <pre>
 *   step                         what it does                            bound
 *   1 close its stdin            a child context exits at EOF of its      -
 *                                parent stream: the clean way out
 *   2 wait                       for the process to exit by itself        {@value #GRACE_MILLIS} ms
 *   3 terminate                  SIGTERM to it and its descendants        -
 *   4 wait                                                                {@value #TERMINATE_MILLIS} ms
 *   5 kill                       SIGKILL to it and its descendants        -
 *   6 wait                       to see it gone; one that is still        {@value #KILL_MILLIS} ms
 *                                there is logged, not waited for
 * </pre>
 *
 * The whole fits in {@link #BOUND_MILLIS}, below the bound an exiting intermediate gives its own children. One
 * exception stays outside: a boot past its connect timeout is killed at once (the timeout is the user's bound on the
 * boot), then reaped like any other.
 *
 * <p>Threads: {@link #reap} returns at once; each process is reaped on a daemon thread of its own ({@code
 * econtext-reap-NAME}), never on a scheduler or event loop that others need, since the steps block. A process asked
 * to be reaped twice is reaped once. {@link #await} blocks its caller up to a bound. JDK-only: an intermediate runs it.
 */
public final class ProcessReaper {
    private static final Log LOG = Log.get(ProcessReaper.class);
    static final long GRACE_MILLIS = 500;
    static final long TERMINATE_MILLIS = 500;
    static final long KILL_MILLIS = 300;
    /** The longest a reaping takes. */
    public static final long BOUND_MILLIS = GRACE_MILLIS + TERMINATE_MILLIS + KILL_MILLIS;

    private final Map<TransportProcess, Thread> reaping = new ConcurrentHashMap<TransportProcess, Thread>();

    /** Starts reaping {@code process} (named {@code name} in logs and the thread's name), unless it is already. */
    public void reap(final TransportProcess process, final String name) {
        if (!process.isAlive()) {
            closeStdin(process);
            return;
        }
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        try {
                            end(process, name);
                        } finally {
                            reaping.remove(process);
                        }
                    }
                },
                "econtext-reap-" + name);
        t.setDaemon(true);
        if (reaping.putIfAbsent(process, t) == null) {
            t.start();
        }
    }

    /**
     * Waits until every one of {@code processes} has been reaped (or was never asked to be, and has exited), at most
     * {@code boundMillis} in all; true if none is left running.
     */
    public boolean await(Collection<TransportProcess> processes, long boundMillis) throws InterruptedException {
        long deadline = System.nanoTime() + boundMillis * 1_000_000L;
        boolean allGone = true;
        for (TransportProcess p : processes) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            Thread t = reaping.get(p);
            if (t != null && left > 0) {
                t.join(left);
            } else if (t == null && left > 0) {
                p.waitFor(Duration.ofMillis(left));
            }
            allGone &= !p.isAlive();
        }
        return allGone;
    }

    /** Waits until every reaping under way now has ended, at most {@code boundMillis}; true if none is left. */
    public boolean awaitAll(long boundMillis) throws InterruptedException {
        return await(new java.util.ArrayList<TransportProcess>(reaping.keySet()), boundMillis);
    }

    /** The policy's steps, on the calling thread. */
    static void end(TransportProcess process, String name) {
        try {
            closeStdin(process);
            if (process.waitFor(Duration.ofMillis(GRACE_MILLIS))) {
                return;
            }
            LOG.debug("'" + name + "' did not exit within " + GRACE_MILLIS + " ms of EOF on its stdin; terminating it");
            process.terminate();
            if (process.waitFor(Duration.ofMillis(TERMINATE_MILLIS))) {
                return;
            }
            LOG.info("'" + name + "' (pid " + process.pid() + ") ignored SIGTERM for " + TERMINATE_MILLIS
                    + " ms; killing it");
            process.kill();
            if (!process.waitFor(Duration.ofMillis(KILL_MILLIS))) {
                LOG.warn("'" + name + "' (pid " + process.pid() + ") is still there " + KILL_MILLIS
                        + " ms after SIGKILL");
            }
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeStdin(TransportProcess process) {
        try {
            process.closeStdin();
        } catch (IOException | RuntimeException e) {
            // already closed, or the pipe is broken: either way the process sees EOF
        }
    }
}
