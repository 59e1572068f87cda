package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import io.econtext.internal.wire.AsyncFrameDecoder;
import io.econtext.internal.wire.AsyncFrameWrites;
import io.econtext.internal.wire.FrameException;
import io.econtext.internal.wire.Message;
import io.econtext.spi.AsyncTransportProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The input side of a stream to an {@link AsyncTransportProcess}: bytes arrive by callback on the transport's thread,
 * are decoded there ({@link AsyncFrameDecoder}) and routed right there, with no reader thread. Three phases:
 *
 * <pre>
 *   boot      junk, the handshake marker, then the hello frame  ─▶ {@link #hello()} completes; stdout paused,
 *                                                                  bytes after the hello kept
 *   attached  the router took the stream ({@link Stream#startReader}): kept bytes first, stdout resumed,
 *             every frame routed on the delivering thread, the outbox flushed once a delivery
 *   ended     end of stdout, corrupt input or a failed handler: the stream closes and its loss is reported once
 * </pre>
 *
 * <p>Threads: the transport delivers one callback at a time; {@link #attach} comes from the booting thread, so the
 * phases are guarded by this object's monitor (uncontended but for that moment). Nothing here blocks: a frame routed
 * to a child is queued on that child's stream, whose writes complete by callback or on its writer thread. Master
 * only.
 */
public final class AsyncInput implements AsyncTransportProcess.Inbound, AsyncFrameDecoder.Sink {
    private static final Log LOG = Log.get(AsyncInput.class);
    private static final byte[] NOTHING = new byte[0];

    /** Where the child's stderr bytes go (its lines: the boot's diagnosis, then forwarded output). */
    public interface StderrSink {
        void bytes(byte[] b, int off, int len);

        void ended();
    }

    private final AsyncTransportProcess process;
    private final AsyncFrameDecoder decoder;
    private final StderrSink stderr;
    private final CompletableFuture<Message> hello = new CompletableFuture<Message>();

    // guarded by this
    private Stream stream;
    private RouterCore router;
    private byte[] held = NOTHING;
    private boolean ended;
    private String endReason;
    private boolean reported;

    /**
     * @param junk where the bytes the target printed before the handshake marker go (at most {@code maxJunk})
     */
    public AsyncInput(
            AsyncTransportProcess process,
            int maxFrame,
            byte[] marker,
            ByteArrayOutputStream junk,
            int maxJunk,
            StderrSink stderr) {
        this.process = process;
        this.decoder = new AsyncFrameDecoder(maxFrame);
        this.decoder.expectMarker(marker, junk, maxJunk);
        this.stderr = stderr;
    }

    /**
     * The hello frame; completes with {@code null} when stdout ended before it, exceptionally on corrupt input before
     * it.
     */
    public CompletableFuture<Message> hello() {
        return hello;
    }

    /**
     * The stream to the target once the hello arrived: frames to it are written by {@link AsyncFrameWrites}, frames
     * from it delivered by this input once the router {@linkplain Stream#startReader started} it.
     */
    public Stream stream(String name, int remoteId, Runnable onClose) {
        Stream s = new Stream(name, remoteId, null, AsyncFrameWrites.writerFor(process), onClose, this::attach);
        synchronized (this) {
            stream = s;
        }
        return s;
    }

    @Override
    public void stdout(byte[] b, int off, int len) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (router == null) {
                if (hello.isDone()) { // paused for the router; at most a delivery or two more
                    hold(b, off, len);
                    return;
                }
                int n;
                try {
                    n = decoder.feed(b, off, len, this);
                } catch (FrameException e) {
                    ended = true;
                    hello.completeExceptionally(e);
                    return;
                }
                if (hello.isDone()) {
                    process.pauseStdout();
                    hold(b, off + n, len - n);
                }
                return;
            }
            deliver(b, off, len);
        }
    }

    private void hold(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        byte[] h = Arrays.copyOf(held, held.length + len);
        System.arraycopy(b, off, h, held.length, len);
        held = h;
    }

    /** Decodes and routes {@code b[off, off + len)}, then flushes what the routing queued; holds this monitor. */
    private void deliver(byte[] b, int off, int len) {
        Stream s = stream;
        s.lastRead = Stream.ROUTING;
        Outbox outbox = Outbox.current();
        try {
            decoder.feed(b, off, len, this);
        } catch (FrameException e) {
            LOG.warn("closing stream " + s.name() + ": corrupt input: " + e.getMessage());
            end("corrupt input: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("closing stream " + s.name() + ": reader failed", e);
            end("reader failed: " + e);
        } finally {
            outbox.flushAll();
            s.lastRead = System.nanoTime();
        }
        if (s.isClosed() && !reported) {
            end(s.closeReason()); // a handler closed it, e.g. on a hostile frame
        }
    }

    @Override
    public boolean frame(Message m) {
        if (router == null) {
            hello.complete(m); // the first frame: the child's hello; the rest waits for the router
            return false;
        }
        router.onMessage(stream, m);
        return !stream.isClosed(); // a handler closed the stream (a hostile frame): read nothing more
    }

    @Override
    public void stderr(byte[] b, int off, int len) {
        stderr.bytes(b, off, len);
    }

    @Override
    public void stderrEnded() {
        stderr.ended();
    }

    @Override
    public void stdoutEnded(IOException failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            String reason;
            if (failure != null) {
                reason = "read failed: " + failure.getMessage();
            } else if (decoder.inFrame()) {
                reason = "end of stream: the stream ended inside a frame"; // the peer died mid-write (kill -9)
            } else {
                reason = "end of stream";
            }
            if (router == null && !hello.isDone()) {
                ended = true;
                if (failure != null) {
                    hello.completeExceptionally(failure);
                } else {
                    hello.complete(null);
                }
                return;
            }
            endReason = reason;
            if (router != null) {
                end(reason);
            } else {
                ended = true; // attach reports it
            }
        }
    }

    /**
     * Stops reading the target's stdout until {@link #resume()}: what the stream delivers waits for a slow consumer
     * (the transport's flow control holds the target back). Any thread.
     */
    public void pause() {
        process.pauseStdout();
    }

    /** Reads the target's stdout again after {@link #pause()}. Any thread. */
    public void resume() {
        synchronized (this) {
            if (router == null || ended) {
                return; // not attached yet: attach resumes; ended: nothing to read
            }
        }
        process.resumeStdout();
    }

    /** The router took the stream: what came after the hello is routed, then stdout flows again. */
    private void attach(RouterCore r) {
        synchronized (this) {
            router = r;
            byte[] h = held;
            held = NOTHING;
            if (h.length > 0 && !stream.isClosed()) {
                deliver(h, 0, h.length);
            }
            if (ended && !reported) {
                end(endReason == null ? "end of stream" : endReason);
                return;
            }
            if (ended) {
                return;
            }
        }
        process.resumeStdout();
    }

    /** Closes the stream and reports its loss, once; holds this monitor. */
    private void end(String reason) {
        ended = true;
        if (reported) {
            return;
        }
        reported = true;
        Stream s = stream;
        s.close(reason);
        router.onStreamClosed(s, s.closeReason()); // the first reason wins, e.g. a handler's
    }
}
