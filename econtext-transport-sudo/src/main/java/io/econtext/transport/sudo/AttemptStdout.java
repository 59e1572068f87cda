package io.econtext.transport.sudo;

import java.io.IOException;

/**
 * The current attempt's stdout; at its end, follows a retry the stderr side decided on ({@link
 * SudoAttempts#awaitVerdict}). Runs on the core's boot thread, then its stream reader.
 */
final class AttemptStdout extends ChunkInput {
    private final SudoAttempts attempts;

    AttemptStdout(SudoAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        for (; ; ) {
            SudoAttempts.Attempt a = attempts.current();
            int n = a.process().getInputStream().read(b, off, len);
            if (n >= 0 || !attempts.awaitVerdict(a)) {
                return n;
            }
        }
    }

    @Override
    public int available() throws IOException {
        return attempts.current().process().getInputStream().available();
    }
}
