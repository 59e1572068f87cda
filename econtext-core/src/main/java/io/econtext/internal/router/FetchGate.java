package io.econtext.internal.router;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the class and resource requests a context (the master, or an intermediate serving its descendants) holds for
 * one child stream: a request waits in the class server's queue with its frame, and a child that sends them faster
 * than they are answered must fill neither the heap nor the class server's threads.
 * The reader of a stream with {@link #MAX_IN_FLIGHT} requests unanswered waits for one to be answered before it
 * delivers the next, so the child's own stream backs up (backpressure), and no other stream is touched.
 *
 * <pre>
 *   reader of child A ── acquire(A) ──► class server queue ──► answer ── release(A)
 *        (waits here when A has 64 unanswered)
 * </pre>
 *
 * <p>Threads: {@link #acquire} runs on a stream's reader, {@link #release} on a class server thread.
 */
public final class FetchGate {
    /** Unanswered requests per child stream: a honest child has about one per thread that loads classes. */
    public static final int MAX_IN_FLIGHT = 64;

    /** Guarded by itself. Weak: a closed stream's entry goes with the stream. */
    private final Map<Stream, Semaphore> permits = new WeakHashMap<Stream, Semaphore>();

    /** Takes a permit for a request that arrived on {@code from}, waiting while it has too many unanswered. */
    public void acquire(Stream from) throws InterruptedException {
        semaphore(from).acquire();
    }

    /** Gives back the permit of a request from {@code from} once it is answered. */
    public void release(Stream from) {
        semaphore(from).release();
    }

    /**
     * Runs {@code serve} on {@code pool} within {@code from}'s bound: takes a permit (the calling reader waits while
     * {@code from} has {@link #MAX_IN_FLIGHT} unanswered), and gives it back when {@code serve} has run.
     *
     * @return false, with the permit given back and nothing run, when the wait was interrupted (the thread's interrupt
     *     flag stays set) or {@code pool} refused the task (it is shutting down): the caller answers the request itself
     */
    public boolean submit(final Stream from, Executor pool, final Runnable serve) {
        try {
            acquire(from);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            pool.execute(new Runnable() {
                @Override
                public void run() {
                    try {
                        serve.run();
                    } finally {
                        release(from);
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            release(from);
            return false;
        }
    }

    /** The permits still free for {@code from}, for tests. */
    int available(Stream from) {
        return semaphore(from).availablePermits();
    }

    private Semaphore semaphore(Stream from) {
        synchronized (permits) {
            Semaphore s = permits.get(from);
            if (s == null) {
                s = new Semaphore(MAX_IN_FLIGHT);
                permits.put(from, s);
            }
            return s;
        }
    }
}
