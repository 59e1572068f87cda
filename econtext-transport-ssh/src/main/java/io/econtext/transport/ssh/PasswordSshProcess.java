package io.econtext.transport.ssh;

import io.econtext.spi.Askpass;
import io.econtext.spi.ForwardingTransportProcess;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.TransportProcess;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An ssh process that logs in with a password: the {@link Askpass} lives exactly as long as the login. ssh relays the
 * remote command's stdout only once it is logged in, so the first read from stdout that returns (bytes or end of
 * stream) closes the askpass; so does the end of the process, however it ends.
 *
 * <p>Threads: as {@link TransportProcess}; the askpass may be closed from the stdout reader, the process-exit
 * notifier or a caller of {@link #terminate()}/{@link #kill()}.
 */
final class PasswordSshProcess extends ForwardingTransportProcess {
    private final Askpass askpass;
    private final InputStream stdout;

    PasswordSshProcess(Process process, Askpass askpass) {
        super(new ProcessTransportProcess(process));
        this.askpass = askpass;
        this.stdout = new LoginWatch(process.getInputStream());
        process.onExit().thenRun(new Runnable() {
            @Override
            public void run() {
                PasswordSshProcess.this.askpass.close();
            }
        });
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    /**
     * Closes the askpass too once the process ended, on the waiting thread: whoever saw the end (the core's reaper after
     * a failed boot) finds the askpass gone, without waiting for the JDK's exit notification on its own thread.
     */
    @Override
    public boolean waitFor(java.time.Duration timeout) throws InterruptedException {
        boolean ended = super.waitFor(timeout);
        if (ended) {
            askpass.close();
        }
        return ended;
    }

    @Override
    public void terminate() {
        askpass.close();
        super.terminate();
    }

    @Override
    public void kill() {
        askpass.close();
        super.kill();
    }

    /** Closes the askpass on the first read that returns: by then ssh has logged in (or given up). */
    private final class LoginWatch extends FilterInputStream {
        private boolean loggedIn;

        LoginWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            seen();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            seen();
            return n;
        }

        private void seen() {
            if (!loggedIn) {
                loggedIn = true;
                askpass.close();
            }
        }
    }
}
