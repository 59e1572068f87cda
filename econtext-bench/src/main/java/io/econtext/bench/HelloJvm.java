package io.econtext.bench;

import io.econtext.spi.InheritedEnvironment;
import io.econtext.spi.Shell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The baseline: {@link Hello} copied from the class path into a temporary directory and started the way a child is,
 * {@code /bin/sh -c 'exec java -cp DIR io.econtext.bench.Hello'} with piped stdio. The directory is deleted on
 * {@link #close}.
 */
final class HelloJvm implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;

    private final String java;
    private final Path dir;

    private HelloJvm(String java, Path dir) {
        this.java = java;
        this.dir = dir;
    }

    static HelloJvm extract(String java) throws IOException {
        Path dir = Files.createTempDirectory("econtext-bench-");
        try {
            Path file = dir.resolve(Hello.class.getName().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            try (InputStream in = Hello.class.getResourceAsStream(Hello.class.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new IOException("Hello.class is not on the class path");
                }
                Files.copy(in, file);
            }
            return new HelloJvm(java, dir);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private Process start(String arg) throws IOException {
        String script = "exec " + Shell.quote(java) + " -cp " + Shell.quote(dir.toString()) + " "
                + Hello.class.getName() + (arg == null ? "" : " " + arg);
        return InheritedEnvironment.processBuilder("/bin/sh", "-c", script).start();
    }

    /** Runs Hello once; returns the wall time from start to exit, in nanoseconds. */
    long time() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = start(null);
        await(p);
        long t = System.nanoTime() - t0;
        closeStreams(p);
        return t;
    }

    /** Starts {@code n} Hellos at once, each from its own thread; returns the wall time until the last exited. */
    long timeParallel(int n) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(
                    () -> {
                        try {
                            go.await();
                            Process p = start(null);
                            await(p);
                            closeStreams(p);
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "bench-hello-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        go.countDown();
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(n + " parallel Hello JVMs did not all exit within " + WAIT_SECONDS + " s");
        }
        long t = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException("a parallel Hello JVM failed: " + failure.get(), failure.get());
        }
        return t;
    }

    /** Runs Hello to read its own status; returns its peak resident memory (VmHWM) in KiB. */
    long peakRssKib() throws IOException, InterruptedException {
        Process p = start("rss");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        await(p);
        closeStreams(p);
        return ProcStatus.kib(out.toString(StandardCharsets.UTF_8), "VmHWM");
    }

    private void await(Process p) throws InterruptedException, IOException {
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Hello did not exit within " + WAIT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException("'" + java + " -cp " + dir + " " + Hello.class.getName() + "' exited with "
                    + p.exitValue() + (err.isEmpty() ? "" : ": " + err));
        }
    }

    private static void closeStreams(Process p) {
        try {
            p.getOutputStream().close();
            p.getInputStream().close();
            p.getErrorStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp dir holding one class file
        }
    }
}
