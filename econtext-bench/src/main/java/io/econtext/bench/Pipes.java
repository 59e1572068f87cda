package io.econtext.bench;

import io.econtext.spi.InheritedEnvironment;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Raw-pipe baselines: {@code cat} started by {@link ProcessBuilder}, fed by this JVM and read back. */
final class Pipes {
    private Pipes() {}

    /**
     * Pumps {@code chunks} arrays of {@code chunk} bytes through {@code cat}, written by one thread and read by another;
     * returns the nanoseconds from the first write to the last byte read.
     */
    static long catThroughput(int chunk, int chunks) throws IOException, InterruptedException {
        Process cat = startCat();
        try {
            byte[] out = new byte[chunk];
            AtomicReference<IOException> failure = new AtomicReference<>();
            Thread writer = new Thread(
                    () -> {
                        try (OutputStream o = cat.getOutputStream()) {
                            for (int i = 0; i < chunks; i++) {
                                o.write(out);
                            }
                        } catch (IOException e) {
                            failure.set(e);
                        }
                    },
                    "bench-pipe-writer");
            writer.setDaemon(true);
            byte[] in = new byte[chunk];
            long expected = (long) chunk * chunks;
            long got = 0;
            InputStream i = cat.getInputStream();
            long t0 = System.nanoTime();
            writer.start();
            for (int n; got < expected && (n = i.read(in)) > 0; ) {
                got += n;
            }
            long t = System.nanoTime() - t0;
            writer.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            if (got != expected) {
                throw new EOFException("cat returned " + got + " of " + expected + " bytes");
            }
            return t;
        } finally {
            end(cat);
        }
    }

    /** Round trips of a 16-byte message through {@code cat}, in nanoseconds, after {@code warmup} unmeasured ones. */
    static long[] catEcho(int warmup, int n) throws IOException, InterruptedException {
        return SshPipes.echo(BareCommand.local(List.of("cat")), warmup, n);
    }

    private static Process startCat() throws IOException {
        return InheritedEnvironment.processBuilder("cat")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void end(Process cat) throws InterruptedException {
        try {
            cat.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        if (!cat.waitFor(5, TimeUnit.SECONDS)) {
            cat.destroyForcibly();
        }
    }
}
