package io.econtext.internal.wire;

import io.econtext.spi.AsyncTransportProcess;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a {@link FrameWriter}'s queue to an {@link AsyncTransportProcess}, one chunk per write, each started when the
 * one before completed: the writer's thread of a blocking stream, without the thread. Appenders never wait for I/O;
 * the queue's soft and hard limits bound what a stalled peer (a full SSH window) can pile up.
 *
 * <pre>
 *   kick() ──▶ [writing? no: take it] ──▶ write(chunk) ─ done ─▶ written(chunk) ──▶ next chunk … queue empty: idle
 *                                                                                   closed and empty: EOF to stdin
 * </pre>
 *
 * <p>Threads: {@link #kick} from any thread, never under the writer's monitor (a transport may complete a write on
 * its own thread while it holds its locks, and that completion takes the writer's monitor). A completion that runs
 * before {@code write} returned is taken over by the writing loop instead of recursing. Master only.
 */
public final class AsyncFrameWrites implements AsyncTransportProcess.WriteDone {
    private static final int RUNNING = 0;
    private static final int RETURNED = 1;
    private static final int COMPLETED = 2;

    private final AsyncTransportProcess process;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicInteger phase = new AtomicInteger();
    private final AtomicBoolean stdinClosed = new AtomicBoolean();
    private FrameWriter writer;
    /** The chunk being written; the writing thread's (handed over with {@link #phase}). */
    private FrameWriter.Chunk current;

    private volatile IOException failure;

    private AsyncFrameWrites(AsyncTransportProcess process) {
        this.process = process;
    }

    /** A frame writer whose frames go to {@code process}'s stdin by {@link AsyncTransportProcess#write}. */
    public static FrameWriter writerFor(AsyncTransportProcess process) {
        AsyncFrameWrites writes = new AsyncFrameWrites(process);
        FrameWriter w = new FrameWriter(writes);
        writes.writer = w;
        return w;
    }

    /** Starts writing what is queued unless a write is under way (which goes on to the rest). Any thread. */
    void kick() {
        if (writing.compareAndSet(false, true)) {
            pump();
        }
    }

    private void pump() {
        while (true) {
            FrameWriter.Chunk c = writer.nextChunk();
            if (c == null) {
                writing.set(false);
                // an appender that kicked while this thread was writing was turned away: look once more
                if (writer.isDirty() && writing.compareAndSet(false, true)) {
                    continue;
                }
                if (writer.isClosed() && !writer.isDirty() && stdinClosed.compareAndSet(false, true)) {
                    process.closeStdin();
                }
                return;
            }
            current = c;
            phase.set(RUNNING);
            process.write(c.bytes, 0, c.length, this);
            if (phase.compareAndSet(RUNNING, RETURNED)) {
                return; // the completion goes on from here
            }
            if (!afterWrite()) {
                return;
            }
        }
    }

    @Override
    public void written(IOException failure) {
        this.failure = failure;
        if (phase.compareAndSet(RUNNING, COMPLETED)) {
            return; // completed within write(): the writing loop goes on
        }
        if (afterWrite()) {
            pump();
        }
    }

    /** Retires the chunk just written; false (and the stream failed) when the write failed. */
    private boolean afterWrite() {
        IOException f = failure;
        if (f != null) {
            writer.fail("write failed: " + f.getMessage());
            if (stdinClosed.compareAndSet(false, true)) {
                process.closeStdin();
            }
            return false;
        }
        writer.written(current);
        return true;
    }
}
