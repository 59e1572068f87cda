package io.econtext.testkit.sshd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command to completion within a deadline and captures its stdout and stderr as text.
 *
 * <pre>{@code
 * ProcessRunner.Result r = ProcessRunner.of("id", "-u").timeout(Duration.ofSeconds(5)).run();
 * if (r.succeeded()) uid = r.stdout().strip();
 * }</pre>
 *
 * <p>Secrets go in through {@link #stdin(byte[])}, never on the command line: the command line appears in error
 * messages. The input is written before the output is read, so keep it small (under a pipe's 64 KiB).
 */
public final class ProcessRunner {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How long to wait for the output after the process exited: a daemon it forked may still hold the pipes. */
    private static final long DRAIN_MILLIS = 2000;

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private byte[] stdin = new byte[0];
    private Duration timeout = DEFAULT_TIMEOUT;

    private ProcessRunner(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command : [] (expected: a program and its arguments)");
        }
        this.command = List.copyOf(command);
    }

    public static ProcessRunner of(String... command) {
        return new ProcessRunner(Arrays.asList(command));
    }

    public static ProcessRunner of(List<String> command) {
        return new ProcessRunner(command);
    }

    /** Adds a variable to the environment the command inherits from this JVM. */
    public ProcessRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Bytes written to the command's stdin, which is then closed; by default it sees EOF at once. */
    public ProcessRunner stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    public ProcessRunner timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout : " + timeout + " (expected: > 0)");
        }
        this.timeout = timeout;
        return this;
    }

    /** Runs the command; a non-zero exit is a result, not an error. Throws when it cannot start or times out. */
    public Result run() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Capture out = Capture.start(process.getInputStream(), "stdout of " + command.get(0));
        Capture err = Capture.start(process.getErrorStream(), "stderr of " + command.get(0));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command exited without reading its input: its exit status and stderr tell why
        } finally {
            Arrays.fill(stdin, (byte) 0);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("`" + commandLine() + "` did not finish within " + timeout.toSeconds() + " s"
                        + describeOutput(out.text(0), err.text(0)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `" + commandLine() + "`", e);
        }
        return new Result(command, process.exitValue(), out.text(DRAIN_MILLIS), err.text(DRAIN_MILLIS));
    }

    /** Runs the command and throws unless it exits with 0. */
    public Result runChecked() throws IOException {
        Result result = run();
        if (!result.succeeded()) {
            throw new IOException(result.describe());
        }
        return result;
    }

    private String commandLine() {
        return String.join(" ", command);
    }

    private static String describeOutput(String stdout, String stderr) {
        StringBuilder s = new StringBuilder();
        if (!stderr.isBlank()) {
            s.append("; stderr: ").append(stderr.strip());
        }
        if (!stdout.isBlank()) {
            s.append("; stdout: ").append(stdout.strip());
        }
        return s.toString();
    }

    /** What a finished command left: its exit status and its output, decoded as UTF-8. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** "`useradd -m x` exited with 9; stderr: useradd: user 'x' already exists", for error messages. */
        public String describe() {
            return "`" + String.join(" ", command) + "` exited with " + exitCode + describeOutput(stdout, stderr);
        }
    }

    /** Reads one output stream to its end on a daemon thread. */
    private static final class Capture implements Runnable {
        private final InputStream stream;
        private final Thread thread;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // synchronized

        private Capture(InputStream stream, String name) {
            this.stream = stream;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        static Capture start(InputStream stream, String name) {
            Capture capture = new Capture(stream, name);
            capture.thread.start();
            return capture;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the process is gone and its pipe was closed under us: keep what was read
            }
        }

        /** The text read so far, after waiting up to {@code millis} for the end of the stream. */
        String text(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
