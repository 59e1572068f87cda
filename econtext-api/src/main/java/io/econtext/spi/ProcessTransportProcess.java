package io.econtext.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TransportProcess} over a local {@link Process}: what every transport that runs a local program (a JVM,
 * {@code ssh}, {@code sudo}) returns. Ending it ends the process's descendants too: the boot script's shell becomes
 * the child JVM, which a program like {@code sudo} keeps as its own child.
 *
 * <pre>{@code
 * return ProcessTransportProcess.start(List.of("ssh", host, command.script()), Map.of());
 * }</pre>
 */
public final class ProcessTransportProcess implements TransportProcess {
    private final Process process;

    public ProcessTransportProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code argv} with {@code environment} added to this JVM's environment, less what
     * {@link InheritedEnvironment} withholds.
     */
    public static ProcessTransportProcess start(List<String> argv, Map<String, String> environment) throws IOException {
        ProcessBuilder pb = InheritedEnvironment.processBuilder(argv);
        pb.environment().putAll(environment);
        return new ProcessTransportProcess(pb.start());
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminate() {
        end(process.toHandle(), false);
    }

    @Override
    public void kill() {
        end(process.toHandle(), true);
    }

    private static void end(ProcessHandle root, boolean force) {
        Object[] below = root.descendants().toArray();
        if (force) {
            root.destroyForcibly();
        } else {
            root.destroy();
        }
        for (Object o : below) {
            ProcessHandle h = (ProcessHandle) o;
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }
}
