package io.econtext.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes frames to a blocking output stream (a process pipe) through a bounded queue. Appending a frame never touches
 * the stream: small frames are copied into pooled 64 KiB chunks, where pipelined frames coalesce; a frame's large data
 * is queued by reference. Whoever holds the I/O lock writes the queue out, oldest chunk first:
 *
 * <pre>
 *   any thread ── append ──▶ [chunk][chunk][data of a large frame][chunk] ──▶ I/O lock holder ──▶ out.write
 *                            queued bytes: soft limit (callers wait for room), hard limit (the stream fails)
 * </pre>
 *
 * <p>Threads. A write to a pipe nobody reads blocks, and only a thread that may wait without bound may do it:
 * <ul>
 *   <li>{@link #flush()} writes on the calling thread (a caller without a deadline, or any thread of a stream in
 *       direct mode: the stream to the parent, whose reader never stops). It waits for the I/O lock.
 *   <li>{@link #flushLater()} hands the queue to the writer's own thread ({@code econtext-writer-NAME}, started on first
 *       use): the calling thread returns at once. Shared threads (stream readers forwarding frames, timers) and callers
 *       with a deadline use this.
 *   <li>{@link #append} waits for room below the soft limit at most as long as the caller says; a caller that may not
 *       wait overflows the soft limit, up to the hard limit, past which the writer fails: the peer read nothing of
 *       {@code hardLimit} bytes (a frozen process), and its stream closes rather than grow without bound.
 * </ul>
 * The appenders' lock (this object's monitor) is never held during I/O.
 */
public final class FrameWriter {
    /** Bytes queued above which a caller that may wait waits for the writer to catch up. */
    public static final long SOFT_LIMIT = 1L << 20;
    /** Bytes queued above which the stream fails instead of queuing more. */
    public static final long HARD_LIMIT = 64L << 20;

    /** {@link #append} results. */
    public static final int APPENDED = 0;

    public static final int CLOSED = 1;
    public static final int TIMED_OUT = 2;
    public static final int OVERFLOW = 3;

    private static final int POOLED_CHUNKS = 4;

    private final OutputStream out;
    /** Writes the queue by callback instead of {@code out} and a thread (master only), or {@code null}. */
    private final AsyncFrameWrites async;

    private final int chunkSize;
    private final ReentrantLock io = new ReentrantLock();

    // guarded by this
    private final ArrayDeque<Chunk> queue = new ArrayDeque<Chunk>();
    private final ArrayDeque<Chunk> free = new ArrayDeque<Chunk>(POOLED_CHUNKS);
    private Chunk tail;
    private long queued;
    private boolean flushWanted;
    private boolean writerIdle;
    private int roomWaiters;
    private boolean closed;
    private Thread writerThread;
    private String name = "stream";
    private Consumer<String> onFailure;

    /** A run of bytes to write: a pooled chunk that small frames are copied into, or a large frame's data. */
    static final class Chunk {
        final byte[] bytes;
        final boolean pooled;
        int length;

        Chunk(byte[] bytes, int length, boolean pooled) {
            this.bytes = bytes;
            this.length = length;
            this.pooled = pooled;
        }
    }

    public FrameWriter(OutputStream out) {
        this(out, 64 * 1024);
    }

    public FrameWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.async = null;
        this.chunkSize = Math.max(bufferSize, Frames.HEADER_SIZE);
    }

    /** A writer whose queue {@code async} writes, one chunk per write, with no thread of its own. */
    FrameWriter(AsyncFrameWrites async) {
        this.out = null;
        this.async = async;
        this.chunkSize = 64 * 1024;
    }

    /**
     * Names the writer's thread and says whom to tell when a write fails on that thread (the stream closes). Set once,
     * before the first {@link #flushLater()}.
     */
    public synchronized void bind(String name, Consumer<String> onFailure) {
        this.name = name;
        this.onFailure = onFailure;
    }

    /** Appends one frame; a full queue is written out on the calling thread first (which may block). */
    public void write(Message m) throws IOException {
        int r;
        boolean full;
        synchronized (this) {
            r = appendQueued(m, 0);
            full = queued >= SOFT_LIMIT;
        }
        if (r == CLOSED) {
            throw new IOException("stream closed");
        }
        if (r == OVERFLOW || full) {
            flushQueue();
            if (r == OVERFLOW && appendQueued(m, 0) != APPENDED) {
                throw new IOException("stream closed");
            }
        }
    }

    /**
     * Queues one frame without writing anything.
     *
     * @param waitNanos how long to wait for room below the soft limit: {@code 0} not at all (the frame is queued
     *     beyond the soft limit, up to the hard limit), {@link Long#MAX_VALUE} without bound
     * @return {@link #APPENDED}, {@link #CLOSED}, {@link #TIMED_OUT} (no room within {@code waitNanos}; nothing
     *     queued) or {@link #OVERFLOW} (the hard limit would be passed; nothing queued)
     */
    public int append(Message m, long waitNanos) {
        if (async != null && waitNanos > 0) {
            async.kick(); // what others queued is being written before this caller waits for room
        }
        return appendQueued(m, waitNanos);
    }

    private synchronized int appendQueued(Message m, long waitNanos) {
        if (closed) {
            return CLOSED;
        }
        int need = Frames.HEADER_SIZE + m.data.length;
        if (queued > 0 && queued + need > SOFT_LIMIT && waitNanos > 0) {
            int r = awaitRoom(need, waitNanos);
            if (r != APPENDED) {
                return r;
            }
        }
        if (queued > 0 && queued + need > HARD_LIMIT) {
            return OVERFLOW;
        }
        Chunk t = tail;
        if (t == null || t.length + Frames.HEADER_SIZE > t.bytes.length) {
            t = openChunk();
        }
        Frames.putHeader(t.bytes, t.length, m);
        t.length += Frames.HEADER_SIZE;
        int n = m.data.length;
        if (t.length + n <= t.bytes.length) {
            System.arraycopy(m.data, 0, t.bytes, t.length, n);
            t.length += n;
        } else if (n <= chunkSize / 4) {
            int first = t.bytes.length - t.length;
            System.arraycopy(m.data, 0, t.bytes, t.length, first);
            t.length += first;
            t = openChunk();
            System.arraycopy(m.data, first, t.bytes, 0, n - first);
            t.length = n - first;
        } else {
            queue.addLast(new Chunk(m.data, n, false)); // messages are immutable: queued by reference, not copied
            tail = null;
        }
        queued += need;
        return APPENDED;
    }

    private int awaitRoom(int need, long waitNanos) {
        long end = waitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + waitNanos;
        roomWaiters++;
        try {
            while (queued > 0 && queued + need > SOFT_LIMIT) {
                if (closed) {
                    return CLOSED;
                }
                if (async == null) {
                    wantFlush();
                }
                long left = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - System.nanoTime();
                if (left <= 0) {
                    return TIMED_OUT;
                }
                try {
                    if (left == Long.MAX_VALUE) {
                        wait();
                    } else {
                        wait(Math.max(1, left / 1_000_000L), 0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return TIMED_OUT;
                }
            }
            return closed ? CLOSED : APPENDED;
        } finally {
            roomWaiters--;
        }
    }

    private Chunk openChunk() {
        Chunk c = free.pollFirst();
        if (c == null) {
            c = new Chunk(new byte[chunkSize], 0, true);
        }
        queue.addLast(c);
        tail = c;
        return c;
    }

    /** Appends one frame and flushes on the calling thread. */
    public void writeAndFlush(Message m) throws IOException {
        write(m);
        flush();
    }

    /** Queues raw bytes (the bootstrap handshake, fault injection) after the frames queued so far. */
    public synchronized void writeRaw(byte[] bytes) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        queue.addLast(new Chunk(bytes.clone(), bytes.length, false));
        tail = null;
        queued += bytes.length;
    }

    /** Writes everything queued on the calling thread, which may block on a full pipe (and waits for the I/O lock). */
    public void flush() throws IOException {
        flushQueue();
    }

    private void flushQueue() throws IOException {
        if (async != null) {
            async.kick();
            return;
        }
        io.lock();
        try {
            drain();
        } finally {
            io.unlock();
        }
    }

    /** Has the writer's thread write what is queued; returns at once. Any thread. */
    public void flushLater() {
        if (async != null) {
            async.kick();
            return;
        }
        synchronized (this) {
            if (!queue.isEmpty() && !closed) {
                wantFlush();
            }
        }
    }

    private void wantFlush() {
        if (flushWanted) {
            return;
        }
        flushWanted = true;
        if (writerThread == null) {
            startWriter();
        } else if (writerIdle) {
            notifyAll();
        }
    }

    private void startWriter() {
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        writeLoop();
                    }
                },
                "econtext-writer-" + name);
        t.setDaemon(true);
        writerThread = t;
        t.start();
    }

    /** The writer's thread: writes the queue whenever asked, until closed and written out. */
    private void writeLoop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!flushWanted && !closed) {
                        writerIdle = true;
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // daemon thread owned by this writer: nobody else interrupts it; go on
                        } finally {
                            writerIdle = false;
                        }
                    }
                    flushWanted = false;
                    if (closed && queue.isEmpty()) {
                        break;
                    }
                }
                flushQueue();
                synchronized (this) {
                    if (closed && queue.isEmpty()) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
        }
        closeOut();
    }

    void fail(String reason) {
        Consumer<String> f;
        synchronized (this) {
            discard();
            f = onFailure;
        }
        if (f != null) {
            f.accept(reason);
        }
    }

    /** Writes the queue out, oldest chunk first; the I/O lock is held. Appenders go on meanwhile. */
    private void drain() throws IOException {
        boolean wrote = false;
        while (true) {
            Chunk c = nextChunk();
            if (c == null) {
                break;
            }
            try {
                out.write(c.bytes, 0, c.length);
            } catch (IOException e) {
                synchronized (this) {
                    discard();
                }
                throw e;
            }
            wrote = true;
            written(c);
        }
        if (wrote) {
            out.flush();
        }
    }

    /** The oldest chunk, sealed (later frames open a new one), or {@code null} when nothing is queued. */
    synchronized Chunk nextChunk() {
        Chunk c = queue.peekFirst();
        if (c == tail) {
            tail = null;
        }
        return c;
    }

    /** {@code c}, the oldest chunk, was written: it leaves the queue, and whoever waits for room looks again. */
    synchronized void written(Chunk c) {
        if (queue.peekFirst() == c) {
            queue.pollFirst();
            queued -= c.length;
        }
        if (c.pooled && free.size() < POOLED_CHUNKS) {
            c.length = 0;
            free.addLast(c);
        }
        if (roomWaiters > 0) {
            notifyAll();
        }
    }

    /** True once {@link #close()} was called or a write failed: nothing more is queued. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Forgets everything queued (the peer is gone) and wakes whoever waits for room. Holds this lock. */
    private void discard() {
        queue.clear();
        tail = null;
        queued = 0;
        closed = true;
        notifyAll();
    }

    /** True when frames wait to be written. */
    public synchronized boolean isDirty() {
        return queued > 0;
    }

    /** Bytes queued and not yet written. */
    public synchronized long queued() {
        return queued;
    }

    /**
     * Refuses further frames, writes what is queued, then closes the stream. In hand-off mode ({@link
     * #handOffOnClose()}) never blocks the closing thread: when frames are queued, or a thread is writing, the
     * writer's thread writes the rest and closes (a pipe to a frozen process ends when the process is killed). In
     * direct mode the closing thread writes what is queued. Idempotent.
     */
    public void close() {
        if (async != null) {
            synchronized (this) {
                closeCalled = true;
                closed = true;
                notifyAll();
            }
            async.kick(); // writes what is queued, then ends the target's stdin
            return;
        }
        boolean handOff;
        synchronized (this) {
            if (closeCalled) {
                return;
            }
            closeCalled = true;
            closed = true;
            notifyAll();
            handOff = writerThread != null || (handOffOnClose && !queue.isEmpty());
            if (handOff) {
                closeByWriter();
            }
        }
        if (handOff) {
            return;
        }
        if (!io.tryLock()) {
            synchronized (this) {
                closeByWriter(); // a caller without a deadline is writing: close once it is done
            }
            return;
        }
        try {
            drain();
        } catch (IOException ignored) {
            // the peer is gone; closing is all that is left to do
        } finally {
            io.unlock();
        }
        closeOut();
    }

    private void closeByWriter() {
        flushWanted = true;
        if (writerThread == null) {
            startWriter();
        } else {
            notifyAll();
        }
    }

    private boolean closeCalled;
    private boolean handOffOnClose;

    /**
     * Makes {@link #close()} leave the last writes to the writer's thread, so that closing a stream to a frozen
     * process never blocks the closing thread. For streams whose writes go through {@link #flushLater()}.
     */
    public synchronized void handOffOnClose() {
        handOffOnClose = true;
    }

    private void closeOut() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing to report: the stream is being discarded
        }
    }
}
