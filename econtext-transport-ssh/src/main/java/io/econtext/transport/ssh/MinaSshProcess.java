package io.econtext.transport.ssh;

import io.econtext.spi.TransportProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;

/**
 * A child booted by the embedded client: one exec channel on a session of its own. stdin, stdout and stderr are the
 * channel's streams (what arrives is buffered up to the channel's window and read by the core's threads); the
 * process has ended when the channel closed, and the session closes with it.
 *
 * <pre>
 * terminate(): close the channel (EOF to the remote command, which ends the child as a closed pipe does)
 * kill():      close the session at once
 * exitStatus:  the channel's exit-status; 128 + N for an exit-signal; 255 when the connection ended without one
 *              (as OpenSSH's own exit status)
 * </pre>
 *
 * <p>Threads: as {@link TransportProcess}; the close listeners run on MINA's I/O threads and only count down a latch
 * and close the session.
 */
final class MinaSshProcess implements TransportProcess {
    /** What OpenSSH exits with when the connection ends without the remote command's status. */
    private static final int CONNECTION_LOST = 255;

    private static final Map<String, Integer> SIGNALS =
            Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9, "SEGV", 11, "PIPE", 13, "TERM", 15);

    private final ClientSession session;
    private final ChannelExec channel;
    private final CountDownLatch ended = new CountDownLatch(1);

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
    public OutputStream stdin() {
        return channel.getInvertedIn();
    }

    @Override
    public InputStream stdout() {
        return channel.getInvertedOut();
    }

    @Override
    public InputStream stderr() {
        return channel.getInvertedErr();
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
}
