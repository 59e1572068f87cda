package io.econtext.transport.sudo;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Holds the core's writes until sudo ran the command, so the runtime never reaches sudo's password prompt nor what the
 * target's login scripts read. Runs on the core's stdin writer; {@link #close} may come from any thread and does not
 * wait.
 */
final class GatedStdin extends OutputStream {
    private final SudoAttempts attempts;

    GatedStdin(SudoAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        attempts.runningStdin().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        attempts.runningStdin().flush();
    }

    @Override
    public void close() throws IOException {
        attempts.current().process().getOutputStream().close();
    }
}
