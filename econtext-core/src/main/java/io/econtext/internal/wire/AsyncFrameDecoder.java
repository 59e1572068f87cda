package io.econtext.internal.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Decodes frames (see {@link Frames}) from bytes pushed to it in pieces of any size, as an event loop delivers them:
 * the incremental twin of {@link FrameReader} for {@link io.econtext.spi.AsyncTransportProcess}es. Like the reader of
 * an untrusted stream, it checks each header before it believes it and allocates a frame's data as its bytes arrive
 * (sizes {@code length / 4^k, ..., length}), so a peer that declares a large frame and stalls pins little memory.
 *
 * <pre>
 *   bytes ──▶ [marker: junk kept up to a bound, then the marker] ──▶ [header 28 B] ──▶ [data] ──▶ sink.frame(m)
 *                                                                          ▲─────────────────────────┘
 * </pre>
 *
 * <p>Threads: one thread at a time feeds it (the transport's callbacks are serialized per stream). Master only.
 */
public final class AsyncFrameDecoder {
    /** Receives decoded frames. */
    public interface Sink {
        /** One frame; return false to stop decoding: {@link #feed} returns, leaving the rest of its bytes unread. */
        boolean frame(Message m);
    }

    private final int maxFrame;
    private final byte[] header = new byte[Frames.HEADER_SIZE];
    private int headerFill;
    /** The header of the frame whose data is arriving, or -1. */
    private int dataLength = -1;

    private byte[] data;
    private int dataFill;

    private byte[] marker;
    private int matched;
    private ByteArrayOutputStream junk;
    private int maxJunk;

    public AsyncFrameDecoder(int maxFrame) {
        if (maxFrame <= 0) {
            throw new IllegalArgumentException("maxFrame : " + maxFrame + " (expected: > 0)");
        }
        this.maxFrame = maxFrame;
    }

    /**
     * Makes the decoder consume bytes up to and including {@code marker} before the first frame, keeping at most
     * {@code maxJunk} of the bytes before it in {@code junk} (the bootstrap handshake).
     */
    public void expectMarker(byte[] marker, ByteArrayOutputStream junk, int maxJunk) {
        this.marker = marker;
        this.matched = 0;
        this.junk = junk;
        this.maxJunk = maxJunk;
    }

    /** True while the marker is still awaited. */
    public boolean awaitsMarker() {
        return marker != null;
    }

    /** True when a frame is partly received: an end of input here cuts a frame short. */
    public boolean inFrame() {
        return headerFill > 0 || dataLength >= 0;
    }

    /**
     * Decodes {@code b[off, off + len)}, handing each whole frame to {@code sink}.
     *
     * @return how many bytes were consumed: {@code len}, or fewer when the sink asked to stop
     * @throws FrameException on a bad magic, unknown flags or an oversize length
     */
    public int feed(byte[] b, int off, int len, Sink sink) throws FrameException {
        int p = off;
        int end = off + len;
        if (marker != null) {
            p = skipToMarker(b, p, end);
        }
        while (p < end) {
            if (dataLength < 0) {
                int n = Math.min(Frames.HEADER_SIZE - headerFill, end - p);
                System.arraycopy(b, p, header, headerFill, n);
                headerFill += n;
                p += n;
                if (headerFill < Frames.HEADER_SIZE) {
                    break;
                }
                dataLength = Frames.checkHeader(header, 0, maxFrame);
                int have = end - p;
                data = dataLength == 0
                        ? Message.EMPTY
                        : new byte[FrameReader.firstSize(dataLength, Math.min(have, dataLength))];
                dataFill = 0;
            }
            int n = Math.min(dataLength - dataFill, end - p);
            if (dataFill + n > data.length) {
                data = Arrays.copyOf(data, FrameReader.nextSize(dataLength, dataFill + n - 1));
            }
            System.arraycopy(b, p, data, dataFill, n);
            dataFill += n;
            p += n;
            if (dataFill == dataLength) {
                Message m = Frames.message(header, 0, data);
                headerFill = 0;
                dataLength = -1;
                data = null;
                if (!sink.frame(m)) {
                    return p - off;
                }
            }
        }
        return len;
    }

    private int skipToMarker(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p++];
            if (c == marker[matched]) {
                if (++matched == marker.length) {
                    marker = null;
                    junk = null;
                    return p;
                }
                continue;
            }
            if (matched > 0) {
                keep(marker, matched);
                matched = c == marker[0] ? 1 : 0;
                if (matched == 1) {
                    continue;
                }
            }
            if (junk.size() < maxJunk) {
                junk.write(c);
            }
        }
        return p;
    }

    private void keep(byte[] bytes, int n) {
        junk.write(bytes, 0, Math.max(0, Math.min(n, maxJunk - junk.size())));
    }
}
