package io.econtext.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames (see {@link Frames}) from a blocking input stream through its own buffer. Frames larger than the buffer
 * are read straight into their data array, which (but from the parent, see {@link #fromParent}) grows as the bytes
 * arrive: a frame's declared length is checked against the maximum frame size, but memory is spent only on bytes that
 * came.
 *
 * <p>Threads: one reader thread owns it.
 */
public final class FrameReader {
    /** The most allocated for the data of a frame before any of it arrived (a frame that big or larger). */
    static final int FIRST_CHUNK = 64 * 1024;
    /** The data array of a large frame grows 4-fold at a time. */
    private static final int GROWTH_SHIFT = 2;

    private final InputStream in;
    /**
     * A {@link java.io.BufferedInputStream} (what {@link Process} gives for a child's stdout) probes
     * {@code available()} - an fstat and an ioctl - whenever a read returns less than was asked, which is nearly every
     * read of a pipe: ask it for exactly what the frame needs instead (it fills its own buffer in one system call).
     */
    private final boolean exactReads;

    /** Data arrays are allocated at the declared length: the peer is the parent, which this context trusts. */
    private final boolean trustedPeer;

    private volatile int maxFrame;
    /** When the last bytes of a frame larger than the buffer arrived (a heartbeat's proof of life mid-frame). */
    private volatile long lastProgress = System.nanoTime();

    private final byte[] buf;
    private int pos;
    private int limit;

    public FrameReader(InputStream in, int maxFrame) {
        this(in, maxFrame, 64 * 1024);
    }

    public FrameReader(InputStream in, int maxFrame, int bufferSize) {
        this(in, maxFrame, bufferSize, false);
    }

    private FrameReader(InputStream in, int maxFrame, int bufferSize, boolean trustedPeer) {
        if (maxFrame <= 0) {
            throw new IllegalArgumentException("maxFrame : " + maxFrame + " (expected: > 0)");
        }
        this.trustedPeer = trustedPeer;
        this.in = in;
        this.exactReads = in instanceof java.io.BufferedInputStream;
        this.maxFrame = maxFrame;
        this.buf = new byte[bufferSize];
    }

    /**
     * A reader of the stream from this context's parent, which it trusts (DESIGN.md §8): each frame's data array is
     * allocated at its declared length at once, which spares bulk transfers from the parent the copies of a growing
     * array. Every other stream is read by a reader from the constructors, which allocates only as bytes arrive.
     */
    public static FrameReader fromParent(InputStream in, int maxFrame) {
        return new FrameReader(in, maxFrame, 64 * 1024, true);
    }

    /** Changes the bound on frame data (a child learns it from its boot parameters). */
    public void setMaxFrame(int maxFrame) {
        if (maxFrame <= 0) {
            throw new IllegalArgumentException("maxFrame : " + maxFrame + " (expected: > 0)");
        }
        this.maxFrame = maxFrame;
    }

    /**
     * When bytes of a frame larger than the buffer last arrived: a peer sending one large frame slowly is not silent.
     * Any thread.
     */
    public long lastProgressNanos() {
        return lastProgress;
    }

    /** True when bytes are buffered: the next {@link #read()} may not block. A field check, no system call. */
    public boolean hasBuffered() {
        return pos < limit;
    }

    /**
     * Reads the next frame. Returns {@code null} on a clean end of stream (between frames).
     *
     * @throws FrameException on a bad magic, unknown flags, an oversize length, or a stream ending inside a frame
     */
    public Message read() throws IOException {
        if (!fill(Frames.HEADER_SIZE)) {
            if (pos == limit) {
                return null;
            }
            throw FrameException.truncated(
                    "stream ended inside a frame header (" + (limit - pos) + " of " + Frames.HEADER_SIZE + " bytes)");
        }
        byte[] b = buf;
        int p = pos;
        int length = Frames.checkHeader(b, p, maxFrame);
        pos = p + Frames.HEADER_SIZE;
        return Frames.message(b, p, readData(length));
    }

    /**
     * The {@code length} data bytes of the frame whose header was just read. From a peer that is not trusted the array
     * grows as the bytes arrive: a header is only a claim, and a peer that declares the maximum size and then stalls
     * must not pin that much memory. The sizes run {@code length / 4^k, ..., length / 16, length / 4, length} from
     * the first that is at most {@link #FIRST_CHUNK}: what is allocated stays within 4 × what arrived (plus
     * {@code FIRST_CHUNK}), and a large frame is copied a third of its length at most on the way.
     */
    private byte[] readData(int length) throws IOException {
        if (length == 0) {
            return Message.EMPTY;
        }
        int buffered = Math.min(limit - pos, length);
        byte[] data = new byte[trustedPeer ? length : firstSize(length, buffered)];
        System.arraycopy(buf, pos, data, 0, buffered);
        pos += buffered;
        int off = buffered;
        while (off < length) {
            if (off == data.length) {
                data = Arrays.copyOf(data, nextSize(length, off));
            }
            int n = in.read(data, off, data.length - off);
            if (n < 0) {
                throw FrameException.truncated(
                        "stream ended inside a frame (" + off + " of " + length + " data bytes)");
            }
            off += n;
            lastProgress = System.nanoTime();
        }
        return data;
    }

    /** The first size for a frame of {@code length}: at most {@link #FIRST_CHUNK} when it can be, never below what came. */
    static int firstSize(int length, int arrived) {
        int size = length;
        while (size > FIRST_CHUNK && (size >> GROWTH_SHIFT) >= arrived) {
            size >>= GROWTH_SHIFT;
        }
        return size;
    }

    /** The size after {@code have} in the series {@code length >> (2 k)}: the smallest above it. */
    static int nextSize(int length, int have) {
        int size = length;
        while ((size >> GROWTH_SHIFT) > have) {
            size >>= GROWTH_SHIFT;
        }
        return size;
    }

    /**
     * Consumes bytes up to and including {@code marker}, keeping at most {@code maxJunk} of the bytes before it in
     * {@code junk}. Used once, for the bootstrap handshake, before the first frame.
     *
     * @return true when the marker was found, false at end of stream
     */
    public boolean skipToMarker(byte[] marker, ByteArrayOutputStream junk, int maxJunk) throws IOException {
        int matched = 0;
        while (true) {
            if (pos == limit && !fillSome()) {
                return false;
            }
            byte c = buf[pos++];
            if (c == marker[matched]) {
                if (++matched == marker.length) {
                    return true;
                }
                continue;
            }
            if (matched > 0) {
                keep(junk, maxJunk, marker, matched);
                matched = c == marker[0] ? 1 : 0;
                if (matched == 1) {
                    continue;
                }
            }
            if (junk.size() < maxJunk) {
                junk.write(c);
            }
        }
    }

    private static void keep(ByteArrayOutputStream junk, int maxJunk, byte[] bytes, int n) {
        int room = Math.max(0, Math.min(n, maxJunk - junk.size()));
        junk.write(bytes, 0, room);
    }

    private boolean fill(int need) throws IOException {
        int have = limit - pos;
        if (have >= need) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, have);
            pos = 0;
            limit = have;
        }
        while (limit < need) {
            int n = in.read(buf, limit, exactReads ? need - limit : buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private boolean fillSome() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** Reads exactly {@code n} raw bytes (bootstrap only). */
    public byte[] readRaw(int n) throws IOException {
        byte[] out = new byte[n];
        int off = Math.min(limit - pos, n);
        System.arraycopy(buf, pos, out, 0, off);
        pos += off;
        while (off < n) {
            int r = in.read(out, off, n - off);
            if (r < 0) {
                throw new EOFException("stream ended after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return out;
    }
}
