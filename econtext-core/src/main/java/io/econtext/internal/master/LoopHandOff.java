package io.econtext.internal.master;

import io.econtext.internal.router.AsyncInput;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what may block or runs the application's code off the I/O threads of asynchronous transports (the embedded
 * ssh client's): a child's logs and printed lines (an SLF4J appender, a {@link io.econtext.ContextOutput}), and the
 * continuations of {@code callAsync} futures. Those threads serve every host of the router; one slow appender or
 * blocking callback there would stall them all.
 *
 * <pre>
 *   I/O thread ── log / output line ──▶ [queue] ──▶ econtext-output thread ──▶ appender, ContextOutput
 *                  queue past {@value #HIGH} tasks: the stream it came on pauses (its SSH window then holds the child
 *                  back); at {@value #LOW} or fewer, every paused stream resumes. Nothing is dropped.
 *   I/O thread ── reply to callAsync ──▶ econtext-callback-N threads ({@value #CALLBACK_THREADS}) ──▶ the future's
 *                  continuations
 * </pre>
 *
 * <p>Streams on pipes keep delivering inline on their own reader threads, which block only themselves. Threads:
 * {@link #output} from I/O threads; the output thread and the callback pool start on first use and end with {@link
 * #close()}.
 */
final class LoopHandOff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopHandOff.class);
    /** Queued tasks past which the stream a task came on pauses. */
    static final int HIGH = 4096;
    /** Queued tasks at or below which every paused stream resumes. */
    static final int LOW = 1024;
    /** Threads that run the continuations of futures completed by a reply read on an I/O thread. */
    static final int CALLBACK_THREADS = 4;

    // guarded by this
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Set<AsyncInput> paused = new LinkedHashSet<>();
    private Thread thread;
    private boolean closed;
    private ExecutorService callbacks;

    /** Queues {@code task} for the output thread; pauses {@code from} when the queue is long. Never blocks. */
    void output(AsyncInput from, Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.addLast(task);
            if (queue.size() >= HIGH && paused.add(from)) {
                from.pause();
            }
            if (thread == null) {
                thread = new Thread(this::drain, "econtext-output");
                thread.setDaemon(true);
                thread.start();
            } else if (queue.size() == 1) {
                notifyAll();
            }
        }
    }

    /** The executor on which futures completed by replies read on I/O threads run their continuations. */
    synchronized Executor callbacks() {
        if (callbacks == null) {
            AtomicInteger n = new AtomicInteger();
            callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, r -> {
                Thread t = new Thread(r, "econtext-callback-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return callbacks;
    }

    private void drain() {
        while (true) {
            Runnable task;
            AsyncInput[] resume = null;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // this thread's own: nobody else interrupts it
                    }
                }
                task = queue.pollFirst();
                if (task == null) {
                    return; // closed and drained
                }
                if (!paused.isEmpty() && queue.size() <= LOW) {
                    resume = paused.toArray(new AsyncInput[0]);
                    paused.clear();
                }
            }
            if (resume != null) {
                for (AsyncInput in : resume) {
                    in.resume();
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("delivering a child's log or output failed", e);
            }
        }
    }

    /** Delivers what is queued (the output thread finishes it), then lets the threads end. */
    @Override
    public void close() {
        ExecutorService c;
        synchronized (this) {
            closed = true;
            notifyAll();
            c = callbacks;
        }
        if (c != null) {
            c.shutdown();
        }
    }
}
