package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import io.econtext.internal.util.WarningLimiter;
import io.econtext.internal.wire.FrameException;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Message;
import java.io.IOException;

/**
 * A framed, ordered, bidirectional pipe to one neighbour: the parent, or a child this context booted. Frames are
 * read on the stream's reader thread and routed right there (no hand-off); writes come from any thread. One thread
 * reads at a time; calls run on the thread that read them, and a spare thread reads while one takes long
 * ({@link ReaderRole}), so a stream may be read by two threads in turn.
 *
 * <p>Writes to a child ({@link #handOffWrites()}) queue in the stream's bounded {@link FrameWriter}; only a sender
 * that may wait without bound writes to the pipe itself ({@link #flushNow()}), everyone else leaves it to the
 * stream's writer thread ({@link #flush()}). A child that stops reading (SIGSTOP, a frozen host) so holds up only the
 * senders that chose to wait for it, never a reader of another stream forwarding to it, nor a timer.
 *
 * <p>Corrupt or oversize input closes this stream with a logged reason; the JVM and other streams go on.
 */
public final class Stream {
    private static final Log LOG = Log.get(Stream.class);

    private final String name;
    private final int remoteId;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Runnable onClose;
    private final WarningLimiter refusals = new WarningLimiter();
    private final PartAssembly parts = new PartAssembly();
    private volatile boolean direct = true;
    /** What {@link #corruptNextWrite()} puts where a frame header should start: not the magic. */
    private static final byte[] CORRUPT = {'B', 'A', 'D', '!'};

    private final ReaderRole role = new ReaderRole(new Runnable() {
        @Override
        public void run() {
            startReaderThread(router, "econtext-reader-" + name + "-spare", true);
        }
    });
    /** Set by the first reader, before any spare starts. */
    private volatile RouterCore router;

    /**
     * When this stream's reader went back to waiting for input (after a batch of frames, and when a thread takes over
     * reading), or {@link #ROUTING} while it routes a batch: a reader held up by what it delivers (a slow callback)
     * is not a silent peer. Written twice a batch, read by {@link Heartbeat}.
     */
    volatile long lastRead = System.nanoTime();

    static final long ROUTING = Long.MIN_VALUE;
    /** Starts delivery to the router instead of a reader thread, for a stream fed by {@link AsyncInput}; or null. */
    private final java.util.function.Consumer<RouterCore> attach;
    /** This stream's heartbeat ({@link #setHeartbeat}), 0: the router's. */
    private volatile long heartbeatIntervalNanos;

    private volatile long heartbeatTimeoutNanos;
    /** When {@link Heartbeat} last pinged the peer; its thread only. */
    long lastPing;

    private volatile long writeDelayNanos;
    private volatile boolean corruptNext;
    private volatile boolean closed;
    private volatile String closeReason;

    /**
     * @param name for logs, e.g. {@code parent} or the child's context name
     * @param remoteId the neighbour's context id
     * @param onClose run once after the stream closed (e.g. to reap the child's process)
     */
    public Stream(String name, int remoteId, FrameReader reader, FrameWriter writer, Runnable onClose) {
        this(name, remoteId, reader, writer, onClose, null);
    }

    /**
     * A stream whose frames are pushed to it by the transport's thread ({@link AsyncInput}): {@link #startReader}
     * calls {@code attach} instead of starting a reader thread.
     */
    Stream(
            String name,
            int remoteId,
            FrameReader reader,
            FrameWriter writer,
            Runnable onClose,
            java.util.function.Consumer<RouterCore> attach) {
        this.attach = attach;
        this.name = name;
        this.remoteId = remoteId;
        this.reader = reader;
        this.writer = writer;
        this.onClose = onClose;
        writer.bind(name, new java.util.function.Consumer<String>() {
            @Override
            public void accept(String reason) {
                close(reason);
            }
        });
    }

    /** Limits the warnings about what this stream's peer sent and was refused: a hostile peer cannot flood the log. */
    public WarningLimiter refusals() {
        return refusals;
    }

    public String name() {
        return name;
    }

    /** The messages arriving in parts on this stream, being assembled. */
    PartAssembly parts() {
        return parts;
    }

    public int remoteId() {
        return remoteId;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Why the stream closed, or {@code null} while it is open. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Sets this stream's heartbeat: a ping after {@code intervalMillis} without reading, the peer unresponsive after
     * {@code timeoutMillis}; 0 for the router's defaults. Set before the reader starts.
     */
    public void setHeartbeat(long intervalMillis, long timeoutMillis) {
        heartbeatIntervalNanos = intervalMillis * 1_000_000L;
        heartbeatTimeoutNanos = timeoutMillis * 1_000_000L;
    }

    long heartbeatIntervalNanos() {
        return heartbeatIntervalNanos;
    }

    long heartbeatTimeoutNanos() {
        return heartbeatTimeoutNanos;
    }

    /**
     * How long this stream has read nothing at {@code now}: since its reader last went back to waiting, or since the
     * last bytes of a large frame arrived, whichever is later; 0 while the reader routes what it read.
     */
    long silenceNanos(long now) {
        long last = lastRead;
        if (last == ROUTING) {
            return 0;
        }
        long progress = reader == null ? last : reader.lastProgressNanos();
        return now - (progress - last > 0 ? progress : last);
    }

    /** Starts the reader on a new daemon thread. */
    public void startReader(final RouterCore router) {
        if (attach != null) {
            this.router = router;
            attach.accept(router);
            return;
        }
        startReaderThread(router, "econtext-reader-" + name, false);
    }

    private void startReaderThread(final RouterCore router, String threadName, final boolean spare) {
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        read(router, spare);
                    }
                },
                threadName);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Reads and routes frames on the calling thread until the stream ends; returns once the stream's loss was reported.
     * Calls that arrive run on the reading thread ({@link #runInline}); while one takes long, another thread reads.
     */
    public void runReader(RouterCore router) {
        read(router, false);
    }

    private void read(RouterCore router, boolean spare) {
        this.router = router;
        while (role.take(spare)) {
            if (readUntilHandOff(router)) {
                return;
            }
        }
    }

    /**
     * Runs {@code task} (calls) on the calling thread, which is this stream's reader and reads on afterwards; a
     * spare thread takes over reading when the task waits for the stream or takes long (see {@link ReaderRole}).
     *
     * @return false, without running {@code task}, when the calling thread is not this stream's reader, or when more
     *     frames are already buffered (then a call thread should run it, so that reading goes on beside it)
     */
    public boolean runInline(Runnable task) {
        // not the reader; or a burst of pipelined calls: the call thread runs them beside this reader, answers batched
        if (!role.isHeldBy(Thread.currentThread()) || reader.hasBuffered()) {
            return false;
        }
        return role.runInline(task);
    }

    /**
     * Called before the runtime waits for something that arrives through a stream (an answer, a class, a channel's
     * next value): a thread that runs a call inline as a stream's reader hands reading over first. Any thread; cheap
     * when the thread runs no call inline.
     */
    public static void beforeBlocking() {
        ReaderRole.beforeBlocking();
    }

    /** Reads until the stream ends (true) or reading moved to another thread (false). */
    private boolean readUntilHandOff(RouterCore router) {
        Thread me = Thread.currentThread();
        String reason = "end of stream";
        Outbox outbox = Outbox.current();
        lastRead = System.nanoTime();
        try {
            int next;
            do {
                next = readOne(router, me, outbox);
            } while (next == READ_ON);
            if (next == HANDED_OFF) {
                return false;
            }
        } catch (FrameException e) {
            if (e.isTruncated()) { // the peer died mid-write (kill -9): an end of stream, not corrupt input
                reason = "end of stream: " + e.getMessage();
            } else {
                reason = "corrupt input: " + e.getMessage();
                LOG.warn("closing stream " + name + ": " + reason);
            }
        } catch (IOException e) {
            reason = "read failed: " + e.getMessage();
        } catch (RuntimeException | Error e) {
            reason = "reader failed: " + e;
            LOG.error("closing stream " + name + ": reader failed", e);
        } finally {
            outbox.flushAll();
        }
        close(reason);
        reason = closeReason; // the first reason wins, e.g. a handler's that closed the stream on a hostile frame
        router.onStreamClosed(this, reason);
        role.end();
        return true;
    }

    private static final int READ_ON = 0;
    private static final int HANDED_OFF = 1;
    private static final int ENDED = 2;

    /**
     * Reads and routes one frame. A method per frame rather than the body of the read loop: the JIT compiles it by its
     * invocation count. A loop that runs for the stream's life is compiled only on-stack, and -XX:+PrintCompilation
     * showed that on-stack code made not entrant in mid-run (a branch seen for the first time), leaving the loop to the
     * interpreter until the next on-stack compile.
     */
    private int readOne(RouterCore router, Thread me, Outbox outbox) throws IOException {
        Message m = reader.read();
        if (m == null || closed) {
            // closed while the read waited (e.g. the peer was declared unresponsive, then woke): its frames are
            // nobody's any more, and its routes are gone
            return ENDED;
        }
        if (lastRead != ROUTING) {
            lastRead = ROUTING; // the first frame of a batch
        }
        router.onMessage(this, m);
        if (closed) {
            return ENDED; // a handler closed this stream (e.g. it refused what the peer sent): read nothing more
        }
        if (!role.isHeldBy(me)) {
            outbox.flushAll();
            return HANDED_OFF;
        }
        if (!reader.hasBuffered()) {
            outbox.flushAll();
            lastRead = System.nanoTime(); // once a batch: back to waiting for the peer
        }
        return READ_ON;
    }

    /** Writes the bootstrap handshake: the ASCII marker, then the first frame, and flushes. Child side, once. */
    public void handshake(byte[] marker, Message first) throws IOException {
        writer.writeRaw(marker);
        writer.writeAndFlush(first);
    }

    /**
     * Fault injection (tests): every later write waits {@code nanos} first ({@code 0} ends the delay). The writing
     * thread sleeps: a reader forwarding frames is held up too, as on a slow link.
     */
    public void delayWrites(long nanos) {
        writeDelayNanos = nanos;
    }

    /** Fault injection (tests): the next frame goes out with a broken header, so the other side closes the stream. */
    public void corruptNextWrite() {
        corruptNext = true;
    }

    /**
     * Makes writes to this stream leave blocking I/O to the stream's writer thread (see {@link FrameWriter}): for a
     * stream to a child, whose process may stop reading (frozen, swapped out, SIGSTOPped) while readers of other
     * streams, timers and callers with deadlines write to it. The stream to the parent stays direct: whoever writes
     * to it writes to its pipe, since the parent never stops reading while its context lives.
     */
    void handOffWrites() {
        direct = false;
        writer.handOffOnClose();
    }

    /** Queues {@code m} without waiting for room; the caller flushes (or the thread's outbox does). */
    boolean write(Message m) {
        return write(m, NO_WAIT) == FrameWriter.APPENDED;
    }

    /** {@link #write(Message, long)}: the sender may not wait; past the hard limit the stream closes. */
    static final long NO_WAIT = 0;
    /** {@link #write(Message, long)}: the sender waits for room without bound (a caller without a deadline). */
    static final long WAIT = Long.MAX_VALUE;

    /**
     * Queues {@code m}; the caller flushes (or the thread's outbox does).
     *
     * @param waitNanos how long the sender waits for room when more than {@link FrameWriter#SOFT_LIMIT} bytes are
     *     queued ({@link #NO_WAIT}, {@link #WAIT} or a deadline's time left)
     * @return a {@link FrameWriter} result: APPENDED, CLOSED, or TIMED_OUT (nothing queued)
     */
    int write(Message m, long waitNanos) {
        if (closed) {
            return FrameWriter.CLOSED;
        }
        long delay = writeDelayNanos;
        if (delay > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(delay);
        }
        try {
            if (corruptNext) {
                corruptNext = false;
                writer.writeRaw(CORRUPT);
            }
            if (direct) {
                writer.write(m);
                return FrameWriter.APPENDED;
            }
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
            return FrameWriter.CLOSED;
        }
        int r = writer.append(m, waitNanos);
        if (r == FrameWriter.OVERFLOW) {
            close("the peer read none of the last " + (writer.queued() >> 20) + " MiB sent to it (stopped or frozen?)");
            return FrameWriter.CLOSED;
        }
        return r;
    }

    /**
     * Flushes what was queued without blocking the calling thread on a stream to a child (its writer thread writes);
     * on the stream to the parent, writes it now. Any thread, shared ones included.
     */
    void flush() {
        if (direct) {
            flushNow();
        } else {
            writer.flushLater();
        }
    }

    /** Writes what was queued on the calling thread, which may block while the peer does not read. */
    void flushNow() {
        try {
            writer.flush();
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    /** Closes both directions. The reader thread then ends and reports the stream closed. Idempotent. */
    public void close(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeReason = reason;
            closed = true;
        }
        writer.close();
        if (onClose != null) {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "Stream(" + name + ", remote=" + remoteId + (closed ? ", closed: " + closeReason : "") + ")";
    }
}
