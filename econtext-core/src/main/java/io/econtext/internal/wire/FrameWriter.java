package io.econtext.internal.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a blocking output stream through a buffer. Small frames are coalesced; frames larger than the
 * buffer bypass it. {@link #write} does not flush: the caller decides (flush when it has nothing more to send, so
 * that pipelined messages share system calls).
 *
 * <p>Threads: any thread; writes are serialized by the writer's lock. A full pipe blocks the writing thread: that is
 * the stream's back-pressure.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final byte[] buf;
    private int count;
    private volatile boolean closed;

    public FrameWriter(OutputStream out) {
        this(out, 64 * 1024);
    }

    public FrameWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[bufferSize];
    }

    /** Appends one frame; may write to the stream when the buffer fills. */
    public synchronized void write(Message m) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        int need = Frames.HEADER_SIZE + m.data.length;
        if (count + need <= buf.length) {
            Frames.putHeader(buf, count, m);
            System.arraycopy(m.data, 0, buf, count + Frames.HEADER_SIZE, m.data.length);
            count += need;
            return;
        }
        if (count + Frames.HEADER_SIZE > buf.length) {
            drain();
        }
        Frames.putHeader(buf, count, m);
        count += Frames.HEADER_SIZE;
        if (count + m.data.length <= buf.length) {
            System.arraycopy(m.data, 0, buf, count, m.data.length);
            count += m.data.length;
        } else {
            drain();
            out.write(m.data, 0, m.data.length);
        }
    }

    /** Appends one frame and flushes. */
    public synchronized void writeAndFlush(Message m) throws IOException {
        write(m);
        flush();
    }

    /** Writes raw bytes (bootstrap handshake only). */
    public synchronized void writeRaw(byte[] bytes) throws IOException {
        drain();
        out.write(bytes);
    }

    /** Pushes buffered frames to the stream. */
    public synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        drain();
        out.flush();
    }

    /** True when frames wait in the buffer. */
    public synchronized boolean isDirty() {
        return count > 0;
    }

    private void drain() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buf, 0, n);
        }
    }

    /** Flushes what it can, then closes the stream. Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                drain();
                out.flush();
            } catch (IOException ignored) {
                // the peer is gone; closing is all that is left to do
            }
            closed = true;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing to report: the stream is being discarded
        }
    }
}
