package io.econtext.fleet;

import io.econtext.RemoteCallable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The remote half of {@link Fleet#exec}: runs a command in the context it is called in and returns its {@link
 * ExecResult}. Only JDK types and {@link ExecResult}, so that a host loads two small classes.
 *
 * <p>Threads: the calling thread waits for the command, two more read its stdout and stderr. When the call is
 * interrupted (its deadline passed, it was cancelled, the context is exiting) the command and its descendants are
 * killed.
 */
final class RemoteCommand {
    /** The most bytes kept of each stream of a command's output: 1 MiB. */
    static final int MAX_OUTPUT = 1 << 20;

    /** Exit code when the command could not be started, as a shell reports a missing command. */
    static final int CANNOT_RUN = 127;

    private RemoteCommand() {}

    /** {@link #run} as a function to call; captures only the arguments. */
    static RemoteCallable<ExecResult> task(List<String> argv) {
        List<String> args = List.copyOf(argv);
        return () -> run(args);
    }

    static ExecResult run(List<String> argv) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new ExecResult(
                    CANNOT_RUN,
                    new byte[0],
                    ("econtext: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8),
                    false);
        }
        Capture out = Capture.start(process.getInputStream(), "stdout");
        Capture err = Capture.start(process.getErrorStream(), "stderr");
        try {
            int status = process.waitFor(); // interruptible, unlike the reads
            out.thread.join();
            err.thread.join();
            return new ExecResult(status, out.bytes(), err.bytes(), out.truncated || err.truncated);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads a stream to its end, keeping at most {@link #MAX_OUTPUT} bytes. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Thread thread;
        volatile boolean truncated;

        private Capture(InputStream in) {
            this.in = in;
        }

        static Capture start(InputStream in, String stream) {
            Capture c = new Capture(in);
            c.thread = new Thread(c, "econtext-fleet-exec-" + stream);
            c.thread.setDaemon(true);
            c.thread.start();
            return c;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int keep = Math.min(n, MAX_OUTPUT - kept.size());
                    kept.write(buffer, 0, keep);
                    if (keep < n) {
                        truncated = true;
                    }
                }
            } catch (IOException e) {
                // the process was killed and its pipe closed under us: what came is what there is
            }
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
