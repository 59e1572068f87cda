package io.econtext.cli.bench;

import io.econtext.spi.InheritedEnvironment;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baselines that run a program from this JVM ({@link ProcessBuilder}): a bare {@code ssh} client, or {@code cat}
 * for the local echo.
 */
final class SshPipes {
    private static final long WAIT_SECONDS = 60;

    private SshPipes() {}

    /** Runs {@code argv} (e.g. {@code ssh ... HOST -- true}) to its end; returns the nanoseconds from start to exit. */
    static long time(List<String> argv) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = start(argv, ProcessBuilder.Redirect.DISCARD);
        try {
            p.getOutputStream().close();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("`" + String.join(" ", argv) + "` did not end within " + WAIT_SECONDS + " s");
            }
            long t = System.nanoTime() - t0;
            check(p, argv);
            return t;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Round trips of a 16-byte message through {@code argv} ({@code cat}, or an ssh running it), after {@code warmup}. */
    static long[] echo(List<String> argv, int warmup, int n) throws IOException, InterruptedException {
        Process p = start(argv, ProcessBuilder.Redirect.PIPE);
        try {
            OutputStream o = p.getOutputStream();
            InputStream i = p.getInputStream();
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
                        check(p, argv);
                        throw new EOFException("`" + String.join(" ", argv) + "` ended");
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
            p.destroyForcibly();
        }
    }

    /**
     * Reads everything {@code argv} (an ssh producing {@code expected} bytes) writes; returns the nanoseconds from the
     * first byte to the last, so that the ssh handshake is not counted against the baseline.
     */
    static long download(List<String> argv, long expected) throws IOException, InterruptedException {
        Process p = start(argv, ProcessBuilder.Redirect.PIPE);
        try {
            p.getOutputStream().close();
            InputStream i = p.getInputStream();
            byte[] buf = new byte[1 << 20];
            int first = i.read(buf);
            long t0 = System.nanoTime();
            long got = Math.max(first, 0);
            for (int n; first > 0 && got < expected && (n = i.read(buf)) > 0; ) {
                got += n;
            }
            long t = System.nanoTime() - t0;
            end(p);
            check(p, argv);
            if (got != expected) {
                throw new EOFException(
                        "`" + String.join(" ", argv) + "` returned " + got + " of " + expected + " bytes");
            }
            return t;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process start(List<String> argv, ProcessBuilder.Redirect out) throws IOException {
        return InheritedEnvironment.processBuilder(argv)
                .redirectOutput(out)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static void end(Process p) throws InterruptedException {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static void check(Process p, List<String> argv) throws IOException {
        if (p.isAlive() || p.exitValue() == 0) {
            return;
        }
        byte[] err = p.getErrorStream().readNBytes(4096);
        throw new IOException("`" + String.join(" ", argv) + "` exited with " + p.exitValue() + ": "
                + new String(err, StandardCharsets.UTF_8).strip());
    }
}
