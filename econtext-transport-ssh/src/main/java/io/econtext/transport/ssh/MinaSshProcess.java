package io.econtext.transport.ssh;

import io.econtext.spi.AsyncTransportProcess;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A child booted by the embedded client: one exec channel, in MINA's asynchronous streaming mode, on a session of its
 * own. The core reads and writes it by callback ({@link AsyncTransportProcess}): no thread per host. The process has
 * ended when the channel closed, and the session closes with it.
 *
 * <pre>
 * stdout, stderr: one read outstanding per stream ({@link Reader}); MINA adjusts the channel's window as reads
 *                 consume, so a paused or slow reader holds the remote side back instead of buffering without bound
 * write():        the channel's asynchronous input; its completion runs on MINA's I/O thread
 * terminate():    close the channel (EOF to the remote command, which ends the child as a closed pipe does)
 * kill():         close the session at once
 * exitStatus:     the channel's exit-status; 128 + N for an exit-signal; 255 when the connection ended without one
 *                 (as OpenSSH's own exit status)
 * </pre>
 *
 * <p>Threads: callbacks run on MINA's I/O threads (a read that completes at once runs on the thread that asked for
 * it, and the next read is then asked for by a loop, not by recursion); the other methods may be called from any
 * thread.
 */
final class MinaSshProcess implements AsyncTransportProcess {
    /** What OpenSSH exits with when the connection ends without the remote command's status. */
    private static final int CONNECTION_LOST = 255;

    /** Bytes asked for by one read. */
    private static final int READ_SIZE = 64 * 1024;

    private static final Map<String, Integer> SIGNALS =
            Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9, "SEGV", 11, "PIPE", 13, "TERM", 15);

    private final ClientSession session;
    private final ChannelExec channel;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Reader out;

    MinaSshProcess(ClientSession session, ChannelExec channel) {
        this.session = session;
        this.channel = channel;
        channel.addCloseFutureListener(f -> {
            ended.countDown();
            session.close(false);
        });
        session.addCloseFutureListener(f -> ended.countDown());
        if (channel.isClosed() || session.isClosed()) {
            ended.countDown();
        }
    }

    /** The compression the session negotiated from client to server, e.g. {@code zlib@openssh.com} or {@code none}. */
    String compression() {
        return session.getNegotiatedKexParameter(KexProposalOption.C2SCOMP);
    }

    @Override
    public void start(Inbound inbound) {
        out = new Reader(channel.getAsyncOut(), inbound, true);
        Reader err = new Reader(channel.getAsyncErr(), inbound, false);
        out.resume();
        err.resume();
    }

    @Override
    public void pauseStdout() {
        out.pause();
    }

    @Override
    public void resumeStdout() {
        out.resume();
    }

    @Override
    public void write(byte[] bytes, int offset, int length, WriteDone done) {
        IoWriteFuture f;
        try {
            IoOutputStream in = channel.getAsyncIn();
            f = in.writeBuffer(new ByteArrayBuffer(bytes, offset, length));
        } catch (IOException | RuntimeException e) {
            done.written(e instanceof IOException ? (IOException) e : new IOException(e.toString(), e));
            return;
        }
        f.addListener(w -> {
            Throwable t = w.getException();
            done.written(
                    t == null ? null : t instanceof IOException ? (IOException) t : new IOException(t.toString(), t));
        });
    }

    @Override
    public void closeStdin() {
        IoOutputStream in = channel.getAsyncIn();
        if (in != null) {
            in.close(false); // gracefully: after the write under way, MINA sends the channel's EOF
        }
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public boolean isAlive() {
        return ended.getCount() > 0;
    }

    @Override
    public Integer exitStatus() {
        if (isAlive()) {
            return null;
        }
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            return 128 + SIGNALS.getOrDefault(signal, 0);
        }
        return CONNECTION_LOST;
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminate() {
        channel.close(false);
    }

    @Override
    public void kill() {
        session.close(true);
    }

    /**
     * Reads one stream of the channel: one read outstanding at a time, each asked for when the one before was
     * delivered, unless paused.
     */
    private static final class Reader {
        private final IoInputStream in;
        private final Inbound inbound;
        private final boolean stdout;
        private final ByteArrayBuffer buffer = new ByteArrayBuffer(READ_SIZE, false);
        // guarded by this
        private boolean paused = true;
        private boolean reading;
        private boolean done;
        /** True while {@link #loop} runs: a read completing then is taken by the loop, not by recursion. */
        private boolean looping;

        private IoReadFuture completedInLoop;

        Reader(IoInputStream in, Inbound inbound, boolean stdout) {
            this.in = in;
            this.inbound = inbound;
            this.stdout = stdout;
        }

        void pause() {
            synchronized (this) {
                paused = true;
            }
        }

        void resume() {
            synchronized (this) {
                paused = false;
                if (reading || done || looping) {
                    return;
                }
                looping = true;
            }
            loop(null);
        }

        /** Asks for reads and delivers them while they complete at once; {@link #looping} is held. */
        private void loop(IoReadFuture first) {
            IoReadFuture f = first;
            while (true) {
                if (f != null && !deliver(f)) {
                    synchronized (this) {
                        looping = false;
                    }
                    return;
                }
                synchronized (this) {
                    if (paused || done) {
                        looping = false;
                        return;
                    }
                    reading = true;
                    completedInLoop = null;
                }
                buffer.clear(false); // no wipe: clear() zeroes all 64 KiB each read (a tenth of a broadcast's CPU)
                IoReadFuture next;
                try {
                    next = in.read(buffer);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        reading = false;
                    }
                    end(new IOException(e.toString(), e));
                    synchronized (this) {
                        looping = false;
                    }
                    return;
                }
                next.addListener(this::completed);
                synchronized (this) {
                    if (completedInLoop == null) {
                        looping = false; // it completes later, on an I/O thread
                        return;
                    }
                    f = completedInLoop;
                }
            }
        }

        private void completed(IoReadFuture f) {
            synchronized (this) {
                reading = false;
                if (looping) {
                    completedInLoop = f; // completed within read(): the loop delivers it
                    return;
                }
                looping = true;
            }
            loop(f);
        }

        /** Hands a completed read to the core; false when the stream ended. */
        private boolean deliver(IoReadFuture f) {
            Throwable t = f.getException();
            if (t != null) {
                end(t instanceof EOFException ? null : t instanceof IOException ? (IOException) t : new IOException(t));
                return false;
            }
            int n = f.getRead();
            if (n < 0) {
                end(null);
                return false;
            }
            if (n > 0) {
                if (stdout) {
                    inbound.stdout(buffer.array(), buffer.rpos(), n);
                } else {
                    inbound.stderr(buffer.array(), buffer.rpos(), n);
                }
            }
            return true;
        }

        private void end(IOException failure) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            if (stdout) {
                inbound.stdoutEnded(failure);
            } else {
                inbound.stderrEnded();
            }
        }
    }
}
