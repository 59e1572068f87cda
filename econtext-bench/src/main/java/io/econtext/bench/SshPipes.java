package io.econtext.bench;

import io.econtext.spi.TransportProcess;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The baselines that run a program from this JVM ({@link BareCommand}): a bare {@code ssh}, or {@code cat}. */
final class SshPipes {
    /**
     * The command {@link #upload} runs: one byte out when it is ready to read, all of stdin read, one byte out when it
     * has read the last.
     */
    static final String SINK = "echo; cat > /dev/null; echo";

    private static final Duration WAIT = Duration.ofSeconds(60);

    private SshPipes() {}

    /** Runs {@code command} (e.g. a bare ssh running {@code true}) to its end; returns the nanoseconds from start to exit. */
    static long time(BareCommand command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        TransportProcess p = command.start();
        try {
            p.stdin().close();
            if (!p.waitFor(WAIT)) {
                throw new IOException("`" + command + "` did not end within " + WAIT.toSeconds() + " s");
            }
            long t = System.nanoTime() - t0;
            check(p, command);
            return t;
        } finally {
            p.kill();
        }
    }

    /** Round trips of a 16-byte message through {@code command} ({@code cat}, or an ssh running it), after {@code warmup}. */
    static long[] echo(BareCommand command, int warmup, int n) throws IOException, InterruptedException {
        TransportProcess p = command.start();
        try {
            OutputStream o = p.stdin();
            InputStream i = p.stdout();
            byte[] msg = new byte[16];
            byte[] back = new byte[16];
            long[] t = new long[n];
            for (int k = -warmup; k < n; k++) {
                long t0 = System.nanoTime();
                o.write(msg);
                o.flush();
                for (int got = 0; got < back.length; ) {
                    int r = i.read(back, got, back.length - got);
                    if (r < 0) {
                        end(p);
                        check(p, command);
                        throw new EOFException("`" + command + "` ended");
                    }
                    got += r;
                }
                if (k >= 0) {
                    t[k] = System.nanoTime() - t0;
                }
            }
            end(p);
            return t;
        } finally {
            p.kill();
        }
    }

    /**
     * Reads everything {@code command} (an ssh producing {@code expected} bytes) writes; returns the nanoseconds from the
     * first byte to the last, so that the ssh handshake is not counted against the baseline.
     */
    static long download(BareCommand command, long expected) throws IOException, InterruptedException {
        TransportProcess p = command.start();
        try {
            p.stdin().close();
            InputStream i = p.stdout();
            byte[] buf = new byte[1 << 20];
            int first = i.read(buf);
            long t0 = System.nanoTime();
            long got = Math.max(first, 0);
            for (int n; first > 0 && got < expected && (n = i.read(buf)) > 0; ) {
                got += n;
            }
            long t = System.nanoTime() - t0;
            end(p);
            check(p, command);
            if (got != expected) {
                throw new EOFException("`" + command + "` returned " + got + " of " + expected + " bytes");
            }
            return t;
        } finally {
            p.kill();
        }
    }

    /**
     * Feeds {@code bytes} zero bytes to {@code command} ({@link #SINK} through an ssh); returns the nanoseconds from the
     * first byte written to the remote side's signal that it read the last, so that neither the ssh handshake nor its
     * teardown is counted against the baseline.
     */
    static long upload(BareCommand command, long bytes) throws IOException, InterruptedException {
        TransportProcess p = command.start();
        try {
            InputStream i = p.stdout();
            OutputStream o = p.stdin();
            signal(p, command, i, "ready");
            byte[] buf = new byte[1 << 20];
            long t0 = System.nanoTime();
            for (long left = bytes; left > 0; left -= buf.length) {
                o.write(buf, 0, (int) Math.min(buf.length, left));
            }
            o.close();
            signal(p, command, i, "done");
            long t = System.nanoTime() - t0;
            end(p);
            check(p, command);
            return t;
        } finally {
            p.kill();
        }
    }

    private static void signal(TransportProcess p, BareCommand command, InputStream i, String which)
            throws IOException, InterruptedException {
        if (i.read() < 0) {
            end(p);
            check(p, command);
            throw new EOFException("`" + command + "` ended before its '" + which + "' byte");
        }
    }

    private static void end(TransportProcess p) throws InterruptedException {
        try {
            p.stdin().close();
        } catch (IOException e) {
            // already closed
        }
        if (!p.waitFor(WAIT)) {
            p.kill();
        }
    }

    private static void check(TransportProcess p, BareCommand command) throws IOException {
        Integer status = p.exitStatus();
        if (status == null || status == 0) {
            return;
        }
        byte[] err = p.stderr().readNBytes(4096);
        throw new IOException(
                "`" + command + "` exited with " + status + ": " + new String(err, StandardCharsets.UTF_8).strip());
    }
}
