package io.econtext.testkit.fake;

import io.econtext.spi.TransportProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
    private static final Pattern STAGE1_LENGTH = Pattern.compile("^n=(\\d+);");
    private static final int PIPE_CAPACITY = 1 << 20;
    private static final Pattern CONTEXT_NAME = Pattern.compile("'-Decontext\\.name=([^']*)'");

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
        Matcher m = STAGE1_LENGTH.matcher(script);
        if (!m.find()) {
            throw new IOException("the boot script does not begin with the first stage's length (n=...;)");
        }
        Matcher n = CONTEXT_NAME.matcher(script);
        String name = n.find() ? n.group(1) : FakeSpec.SCHEME;
        FakeTransportProcess p = new FakeTransportProcess(name, Integer.parseInt(m.group(1)));
        p.thread.start();
        return p;
    }

    private void run(int stage1Length) {
        int status = 0;
        try {
            InputStream in = stdin.input;
            byte[] jar = in.readNBytes(stage1Length);
            if (jar.length < stage1Length) {
                throw new IOException("stdin ended inside the first stage");
            }
            Class<?> stage1Class = new Stage1Loader().define(classFileIn(jar));
            Method entry = stage1Class.getMethod("embedded", InputStream.class, OutputStream.class);
            entry.invoke(null, in, stdout.output);
        } catch (InvocationTargetException e) {
            status = fail(e.getCause());
        } catch (Throwable t) {
            status = fail(t);
        } finally {
            stdin.closeReader();
            stdout.closeWriter();
            stderr.closeWriter();
            exitStatus = killed ? 137 : status;
        }
    }

    /** The one class file of the first stage's jar. */
    private static byte[] classFileIn(byte[] jar) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e = zip.getNextEntry();
            if (e == null || !e.getName().equals("EcontextStage1.class")) {
                throw new IOException("the first stage's jar does not begin with EcontextStage1.class: " + e);
            }
            return zip.readAllBytes();
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

    /** The class loader of one fake context's first stage: nothing of the test's class path is visible through it. */
    private static final class Stage1Loader extends ClassLoader {
        Stage1Loader() {
            super(ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(byte[] bytes) {
            return defineClass("EcontextStage1", bytes, 0, bytes.length);
        }
    }
}
