package io.econtext.testkit.fake;

import io.econtext.spi.TransportProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The "process" of a fake context: one thread of this JVM, connected to the core by in-memory pipes, that does what the
 * boot script and the JVM would do. It reads the first stage's jar from its stdin and defines the class it holds in a
 * class loader of its own, whose runtime (defined from the bundle that follows) and user classes are therefore this context's alone; then
 * it enters the runtime through {@code EcontextStage1.embedded}, which returns when the context exits.
 *
 * <p>{@link #terminate()} and {@link #kill()} close the pipes: the runtime exits as an orphan would. The pid is this
 * JVM's. Exit status: 0 when the runtime returned, 1 when it failed (its stack trace is on stderr), 137 once killed.
 */
final class FakeTransportProcess implements TransportProcess {
    private static final int PIPE_CAPACITY = 1 << 20;

    private final FakePipe stdin = new FakePipe(PIPE_CAPACITY);
    private final FakePipe stdout = new FakePipe(PIPE_CAPACITY);
    private final FakePipe stderr = new FakePipe(64 * 1024);
    private final Thread thread;
    private volatile Integer exitStatus;
    private volatile boolean killed;

    private FakeTransportProcess(String name, int stage1Length) {
        thread = new Thread(() -> run(stage1Length), "econtext-fake-" + name);
        thread.setDaemon(true);
    }

    /** Starts a fake context for the core's boot {@code script}, of which it needs only the first stage's length. */
    static FakeTransportProcess start(String script) throws IOException {
        OptionalInt stage1Length = EmbeddedStage1.stage1Length(script);
        if (stage1Length.isEmpty()) {
            throw new IOException("the boot script does not begin with the first stage's length (n=...;)");
        }
        String name = EmbeddedStage1.contextName(script, FakeSpec.SCHEME);
        FakeTransportProcess p = new FakeTransportProcess(name, stage1Length.getAsInt());
        p.thread.start();
        return p;
    }

    private void run(int stage1Length) {
        int status = 0;
        try {
            EmbeddedStage1.run(stdin.input, stdout.output, stage1Length);
        } catch (Throwable t) {
            status = fail(t);
        } finally {
            stdin.closeReader();
            stdout.closeWriter();
            stderr.closeWriter();
            exitStatus = killed ? 137 : status;
        }
    }

    private int fail(Throwable t) {
        if (killed) {
            return 137;
        }
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(trace, true, StandardCharsets.UTF_8);
        p.println("econtext: the fake context failed: " + t);
        t.printStackTrace(p);
        try {
            stderr.output.write(trace.toByteArray());
        } catch (IOException ignored) {
            // nobody reads the stderr any more
        }
        return 1;
    }

    @Override
    public OutputStream stdin() {
        return stdin.output;
    }

    @Override
    public InputStream stdout() {
        return stdout.input;
    }

    @Override
    public InputStream stderr() {
        return stderr.input;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public Integer exitStatus() {
        return thread.isAlive() ? null : exitStatus;
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    @Override
    public void terminate() {
        kill();
    }

    @Override
    public void kill() {
        if (thread.isAlive()) {
            killed = true;
        }
        stdin.close();
        stdout.close();
    }
}
