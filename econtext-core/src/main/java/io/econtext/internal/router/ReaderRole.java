package io.econtext.internal.router;

/**
 * Which thread reads one stream. At most one thread reads; a call that arrives on the stream runs right on the thread
 * that read it ({@link #runInline}), which keeps reading when the call is done. Handing each call to a waiting call
 * thread cost its wake-up on the call's path: ~8 µs a call on this 2-core VM, a tenth of a 3rd-hop round trip.
 *
 * <p>While a call runs inline nobody reads, so reading moves to another thread (a spare, started at the first inline
 * call and then kept waiting here) as soon as the call might wait for the stream:
 *
 * <ul>
 *   <li>at once, when the runtime is about to wait for something that arrives through a stream: an answer, a class, a
 *       channel's next value ({@link #beforeBlocking()});
 *   <li>after {@link #STALL_NANOS} (10 ms), when the call just takes long (user code sleeping, computing, or writing
 *       into a full pipe whose reader waits for us): the spare, polling while calls come in, takes over. So frames for
 *       other handles and for children wait at most that long behind a call.
 * </ul>
 *
 * <pre>
 *   reader T1:  read ─ route ─ runInline(call) ─────────────────────── read ─ ...      (short call: no hand-off)
 *   reader T1:  read ─ route ─ runInline(call ── waits for a class ─ ... ─) ─ take() ─ (waits its turn)
 *   spare  T2:                               └─ take(): reads ─ ...
 * </pre>
 *
 * <p>At most one spare waits: a spare that finds another waiting ends.
 *
 * <p>Threads: {@link #take}, {@link #runInline} and {@link #handOff} are called by the threads that read the stream;
 * {@link #beforeBlocking} by any thread. State changes under one lock; {@link #isHeldBy} is a volatile read for the
 * read loop.
 */
final class ReaderRole {
    /**
     * A call running inline longer than this loses the reading role to the spare, which polls at this period while
     * calls come in; {@code -Decontext.readerStallMicros=N} in the child overrides (whole milliseconds). Why 10 ms: a
     * spare polling every 1 ms woke 1,000 times a second beside a busy chain, and 3rd-hop round trips alternating 1 ms
     * and 10 ms in one run read 65.6-111.8 µs (median of 7 rounds 89.2) against 61.3-87.9 µs (81.3). What waits
     * longer for it: frames that arrive in the first 10 ms of a call that neither finishes nor waits on a stream.
     */
    static final long STALL_NANOS =
            Math.max(1L, Long.getLong("econtext.readerStallMicros", 10_000L) / 1000L) * 1_000_000L;
    /** The spare polls (every {@link #STALL_NANOS}) while inline calls ran this recently; else it sleeps. */
    static final long ACTIVE_NANOS = 50_000_000L;

    private static final ThreadLocal<ReaderRole> INLINE = new ThreadLocal<ReaderRole>();

    private final Object lock = new Object();
    /** Starts one more thread in {@link Stream}'s read loop, as a spare. */
    private final Runnable spawner;

    private volatile Thread reader;
    /** When the reader started the call it runs inline; 0 when it runs none. */
    private long inlineSince;
    /** When the last inline call started. */
    private long lastInline;
    /** Threads waiting in {@link #take}. */
    private int waiting;
    /** Of those, how many wait without a timeout. */
    private int sleeping;

    private boolean ended;

    ReaderRole(Runnable spawner) {
        this.spawner = spawner;
    }

    /** True while {@code t} holds the role: the read loop's check after routing each frame. */
    boolean isHeldBy(Thread t) {
        return reader == t;
    }

    /**
     * Waits until nobody reads, or until the reader is stuck in an inline call for {@link #STALL_NANOS}; then the
     * calling thread reads. False when the stream has ended, or when a spare thread is not needed because another
     * waits too.
     *
     * @param spare the caller was started by {@link #runInline} and may end when it is not needed
     */
    boolean take(boolean spare) {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            waiting++;
            try {
                while (!ended) {
                    if (reader == null) {
                        reader = me;
                        return true;
                    }
                    long now = System.nanoTime();
                    if (inlineSince != 0 && now - inlineSince >= STALL_NANOS) {
                        reader = me; // the stuck thread sees it when its call returns, and comes back here
                        inlineSince = 0;
                        return true;
                    }
                    if (spare && waiting > 1) {
                        return false;
                    }
                    awaitTurn(now - lastInline < ACTIVE_NANOS);
                }
                return false;
            } finally {
                waiting--;
            }
        }
    }

    /** Waits under the lock: a poll while inline calls come in, else until notified. */
    private void awaitTurn(boolean poll) {
        if (!poll) {
            sleeping++;
        }
        try {
            if (poll) {
                lock.wait(STALL_NANOS / 1_000_000L);
            } else {
                lock.wait();
            }
        } catch (InterruptedException e) {
            // readers are not stopped by interruption (the stream ending stops them): wait on
        } finally {
            if (!poll) {
                sleeping--;
            }
        }
    }

    /**
     * Runs {@code task} (a call) on the calling thread, which keeps reading afterwards unless reading moved meanwhile.
     *
     * @return false, without running {@code task}, when the calling thread does not read this stream
     */
    boolean runInline(Runnable task) {
        Thread me = Thread.currentThread();
        boolean spawn;
        synchronized (lock) {
            if (reader != me) {
                return false;
            }
            long now = System.nanoTime();
            inlineSince = now == 0 ? 1 : now;
            lastInline = now;
            spawn = waiting == 0;
            if (sleeping > 0) {
                lock.notifyAll(); // the spare polls again while calls come in
            }
        }
        if (spawn) {
            spawner.run();
        }
        Outbox.current().flushAll(); // frames routed before the call do not wait for it
        ReaderRole outer = INLINE.get();
        INLINE.set(this);
        try {
            task.run();
        } finally {
            INLINE.set(outer);
            synchronized (lock) {
                if (reader == me) {
                    inlineSince = 0;
                }
            }
        }
        return true;
    }

    /** The reader gives up reading now (the spare takes over). False when the calling thread does not read. */
    boolean handOff() {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            if (reader != me) {
                return false;
            }
            reader = null;
            inlineSince = 0;
            lock.notifyAll();
        }
        Outbox.current().flushAll();
        return true;
    }

    /**
     * Called before the runtime waits for something that arrives through a stream: if the calling thread runs a call
     * inline as a stream's reader, that stream gets another reader first (else the wait could never end).
     */
    static void beforeBlocking() {
        ReaderRole role = INLINE.get();
        if (role != null) {
            role.handOff();
        }
    }

    /** The stream ended: every waiting thread leaves the read loop. */
    void end() {
        synchronized (lock) {
            ended = true;
            reader = null;
            lock.notifyAll();
        }
    }
}
