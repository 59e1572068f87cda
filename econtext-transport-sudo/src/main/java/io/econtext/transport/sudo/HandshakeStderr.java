package io.econtext.transport.sudo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * sudo's stderr: during authentication it goes through the attempt's {@link SudoHandshake}, which judges it (ran,
 * refused, asked without a password); what sudo said reaches the reader without the markers, and afterwards the
 * command's stderr is passed on as it comes. When an attempt's stderr ends before sudo ran the command, {@link
 * SudoAttempts#ended} decides whether a new attempt follows.
 *
 * <p>Threads: the core's stderr pump only.
 */
final class HandshakeStderr extends ChunkInput {
    private final SudoAttempts attempts;
    private final byte[] chunk = new byte[4096];
    private byte[] released = new byte[0];
    private int releasedAt;
    private boolean finished;

    HandshakeStderr(SudoAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        for (; ; ) {
            if (releasedAt < released.length) {
                int n = Math.min(len, released.length - releasedAt);
                System.arraycopy(released, releasedAt, b, off, n);
                releasedAt += n;
                return n;
            }
            SudoAttempts.Attempt a = attempts.current();
            InputStream err = a.process().getErrorStream();
            if (a.handshake().outcome() != null) {
                return err.read(b, off, len);
            }
            int n = err.read(chunk, 0, chunk.length);
            if (n < 0) {
                if (finished) {
                    return -1;
                }
                if (!attempts.ended(a)) {
                    finished = true; // sudo quit before running the command: what it said is the report
                    release(a.handshake().sudoText());
                }
                continue;
            }
            act(a, a.handshake().feed(chunk, 0, n));
        }
    }

    private void act(SudoAttempts.Attempt a, SudoHandshake.Step step) {
        switch (step) {
            case RUNNING:
                attempts.running();
                String said = a.handshake().sudoText();
                byte[] head = said.isEmpty() ? new byte[0] : (said + "\n").getBytes(StandardCharsets.UTF_8);
                byte[] rest = a.handshake().passThrough();
                released = Arrays.copyOf(head, head.length + rest.length);
                System.arraycopy(rest, 0, released, head.length, rest.length);
                releasedAt = 0;
                break;
            case PASSWORD_REQUIRED:
            case PASSWORD_INCORRECT:
                attempts.failed();
                closeQuietly(a.process().getOutputStream()); // nothing will follow: the core's writes fail
                release(a.handshake().sudoText());
                break;
            default:
                break;
        }
    }

    private void release(String text) {
        released = text.isEmpty() ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
        releasedAt = 0;
    }

    static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the process is gone
        }
    }
}
