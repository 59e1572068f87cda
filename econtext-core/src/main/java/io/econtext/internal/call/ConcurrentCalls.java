package io.econtext.internal.call;

import io.econtext.internal.router.DeadReason;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs the calls flagged concurrent: on up to {@link #MAX_THREADS} threads at once (started on demand, ended after
 * 30 s idle); calls beyond that wait in a queue of at most {@link #MAX_QUEUED}, and run in arrival order as threads
 * free up. A call that finds the queue full is refused alone: it is answered DEAD {@link DeadReason#BUSY} (the caller
 * sees {@link io.econtext.ContextBusyException}) and the context lives on.
 *
 * <p>The reader that receives a call never waits here: a reader waiting for a free thread could wait forever, when
 * the running calls wait for something only that reader would deliver (an answer, a class, a cancel).
 *
 * <pre>
 *   reader:   offer(call) ── idle thread? wake it │ fewer than MAX_THREADS? start one │ queue not full? queue │ BUSY
 *   worker:   take ─ run ─ answer ─ take ─ ...  (30 s without a call: ends)
 *   cancel:   queued? drop it │ running? interrupt its thread, send no answer
 * </pre>
 *
 * <p>Threads: {@link #offer} and {@link #cancel} on readers, workers their own; all state under this object's lock.
 */
final class ConcurrentCalls {
    private static final Log LOG = Log.get(ConcurrentCalls.class);
    /** Threads running concurrent calls at most; {@code -Decontext.concurrentCalls=N} in the context overrides. */
    static final int MAX_THREADS = Math.max(1, Integer.getInteger("econtext.concurrentCalls", 256));
    /** Concurrent calls waiting for a thread at most; {@code -Decontext.queuedCalls=N} in the context overrides. */
    static final int MAX_QUEUED = Math.max(0, Integer.getInteger("econtext.queuedCalls", 10_000));
    /**
     * Bytes of call data waiting for a thread at most (a single call always fits); {@code
     * -Decontext.queuedCallBytes=N} in the context overrides. Serial calls have a queue of the same bounds.
     */
    static final long MAX_QUEUED_BYTES = Math.max(0, Long.getLong("econtext.queuedCallBytes", 256L << 20));

    private static final long IDLE_MILLIS = 30_000L;

    /** Runs one call and returns its answer (null when it wants none). */
    interface Executor {
        Message answer(Message call);
    }

    private final RouterCore router;
    private final Executor executor;
    private final ClassLoader loader;
    private final ArrayDeque<Message> queued = new ArrayDeque<Message>();
    /** The data bytes of the calls in {@link #queued}. */
    private long queuedBytes;

    private final List<Worker> workers = new ArrayList<Worker>();
    /** Threads not running a call: waiting for one, or started and about to take one. */
    private int free;

    private int started;
    private boolean closed;

    ConcurrentCalls(RouterCore router, Executor executor, ClassLoader loader) {
        this.router = router;
        this.executor = executor;
        this.loader = loader;
    }

    /** One thread running calls, and the call it runs. */
    private final class Worker implements Runnable {
        Thread thread;
        /** The call running, or null. Under the lock. */
        Message current;
        /** The running call was cancelled: no answer. Under the lock. */
        boolean cancelled;
        /** Just started, and already counted {@link #free}. Under the lock. */
        boolean started = true;

        @Override
        public void run() {
            while (true) {
                Message m = next(this);
                if (m == null) {
                    return;
                }
                Message answer = null;
                try {
                    answer = executor.answer(m);
                } catch (Throwable t) { // only an answer that cannot even be encoded gets here
                    LOG.error("a call's answer was lost", t);
                }
                boolean dropped;
                synchronized (ConcurrentCalls.this) {
                    dropped = cancelled;
                    cancelled = false;
                    current = null; // from here on no cancel interrupts this thread
                }
                Thread.interrupted(); // a cancel aimed at this call must not hit the next
                if (answer != null && !dropped) {
                    router.sendBatched(answer);
                }
                router.flushPending();
            }
        }
    }

    /** Takes the next call for {@code w}, waiting up to 30 s; null when {@code w} should end. */
    private synchronized Message next(Worker w) {
        w.current = null;
        if (w.started) {
            w.started = false; // counted free when offer() started it
        } else {
            free++;
        }
        long idleSince = System.nanoTime();
        while (queued.isEmpty()) {
            long left = IDLE_MILLIS - (System.nanoTime() - idleSince) / 1_000_000L;
            if (closed || left <= 0) {
                free--;
                workers.remove(w);
                return null;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                // close(): look again
            }
        }
        free--;
        Message m = queued.poll();
        queuedBytes -= m.data.length;
        w.current = m;
        return m;
    }

    /**
     * Runs {@code m} on a free thread, or queues it; refuses it (answers BUSY) when the queue is full. Never waits.
     */
    void offer(Message m) {
        String refusal;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queued.size() < free) { // a free thread takes it
                enqueue(m);
                notify();
                return;
            }
            if (workers.size() < MAX_THREADS) {
                enqueue(m); // the new thread takes it (or another, which frees up first)
                Worker w = new Worker();
                w.thread = new Thread(w, "econtext-call-" + (++started));
                w.thread.setDaemon(true);
                w.thread.setContextClassLoader(loader);
                workers.add(w);
                free++;
                w.thread.start();
                return;
            }
            int waiting = queued.size() - free;
            if (waiting < MAX_QUEUED && (waiting <= 0 || queuedBytes + m.data.length <= MAX_QUEUED_BYTES)) {
                enqueue(m);
                return;
            }
            refusal = MAX_THREADS + " concurrent calls run and " + waiting + " more wait (" + (queuedBytes >> 10)
                    + " KiB), the most it queues; retry later, or raise the limits with the context's JVM options"
                    + " -Decontext.concurrentCalls=N, -Decontext.queuedCalls=N and -Decontext.queuedCallBytes=N";
        }
        refuse(router, m, refusal);
    }

    /**
     * Refuses {@code call} because a queue is full: answers it DEAD {@link DeadReason#BUSY} with {@code why} (the caller
     * sees {@link io.econtext.ContextBusyException}), or drops it with a warning when it wants no answer. Posted: the
     * reader that calls this never waits.
     */
    static void refuse(RouterCore router, Message call, String why) {
        if (call.replyTo == 0) {
            LOG.warn("refused a call that wants no answer: " + why);
            return;
        }
        router.post(Message.of(call.src, router.id(), call.replyTo, 0, Message.FLAG_DEAD, DeadReason.BUSY.encode(why)));
    }

    private void enqueue(Message m) {
        queued.add(m);
        queuedBytes += m.data.length;
    }

    /** Cancels the call {@code src} sent with {@code replyTo}: drops it if queued, interrupts it if running. */
    synchronized boolean cancel(int src, int replyTo) {
        Iterator<Message> it = queued.iterator();
        while (it.hasNext()) {
            Message m = it.next();
            if (m.src == src && m.replyTo == replyTo) {
                it.remove();
                queuedBytes -= m.data.length;
                return true;
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            Message m = w.current;
            if (m != null && !w.cancelled && m.src == src && m.replyTo == replyTo) {
                w.cancelled = true;
                w.thread.interrupt();
                return true;
            }
        }
        return false;
    }

    /** Drops the queued calls and interrupts the running ones; their threads end. */
    synchronized void close() {
        closed = true;
        queued.clear();
        queuedBytes = 0;
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).thread.interrupt();
        }
        notifyAll();
    }
}
