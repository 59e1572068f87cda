package io.econtext.internal.master;

import io.econtext.internal.router.Stream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds the class and resource requests the master holds for one child stream: a request waits in the class server's
 * queue with its frame, and a child that sends them faster than they are answered must not fill the master's heap.
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
final class FetchGate {
    /** Unanswered requests per child stream: a honest child has about one per thread that loads classes. */
    static final int MAX_IN_FLIGHT = 64;

    private final Map<Stream, Semaphore> permits = Collections.synchronizedMap(new WeakHashMap<>());

    /** Takes a permit for a request that arrived on {@code from}, waiting while it has too many unanswered. */
    void acquire(Stream from) throws InterruptedException {
        semaphore(from).acquire();
    }

    /** Gives back the permit of a request from {@code from} once it is answered. */
    void release(Stream from) {
        semaphore(from).release();
    }

    /** The permits still free for {@code from}, for tests. */
    int available(Stream from) {
        return semaphore(from).availablePermits();
    }

    private Semaphore semaphore(Stream from) {
        return permits.computeIfAbsent(from, s -> new Semaphore(MAX_IN_FLIGHT));
    }
}
