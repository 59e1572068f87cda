package io.econtext.transport.sudo;

import io.econtext.BootstrapException;
import io.econtext.spi.Askpass;
import io.econtext.spi.InheritedEnvironment;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sudo process seen by the core as one {@link TransportProcess}, while underneath it authenticates and, in
 * {@link TtyMode#AUTO}, may start over once under a terminal:
 *
 * <pre>
 *   core (boot thread)      stdout ──── attempt's stdout; at its end, waits for the stderr side's verdict
 *   core (stdin writer)     stdin  ──── held until sudo runs the command
 *   core (stderr pump)      stderr ──── {@link SudoHandshake}: counts the askpass helper's calls, spots the ok
 *                                        marker, decides on a retry under a terminal when sudo quit without asking
 *   sudo (as this JVM's user) ───────── runs {@code SUDO_ASKPASS}: the {@link Askpass} hands it the password once
 * </pre>
 *
 * Nothing is ever written to sudo's stdin but the runtime, after sudo ran the command: whatever reads stdin before
 * that (the target's login scripts under {@code -i}) gets nothing, and the password only reaches the helper sudo runs
 * for its own authentication. The askpass is closed as soon as sudo ran the command, refused, or ended. What sudo said
 * before the command ran reaches the core without the markers.
 *
 * <p>Threads: each stream is used by one core thread; the state is guarded by {@link #lock}. {@link #terminate()} and
 * {@link #kill()} may come from any thread and end any retry.
 */
final class SudoProcess implements TransportProcess {
    private enum State {
        AUTHENTICATING,
        RUNNING,
        FAILED
    }

    /** One run of sudo. */
    private static final class Attempt {
        final Process process;
        final boolean underTerminal;
        final SudoHandshake handshake;

        Attempt(Process process, boolean underTerminal, SudoHandshake handshake) {
            this.process = process;
            this.underTerminal = underTerminal;
            this.handshake = handshake;
        }
    }

    private final SudoSpec spec;
    private final List<String> sudoArgv;
    private final Askpass askpass;
    private final String askedMarker;
    private final String okMarker;
    private final Object lock = new Object();
    private final InputStream stdout = new AttemptStdout();
    private final InputStream stderr = new HandshakeStderr();
    private final OutputStream stdin = new GatedStdin();

    // guarded by lock
    private Attempt attempt;
    private State state = State.AUTHENTICATING;
    private boolean ended;
    private String firstAttemptText;

    private SudoProcess(SudoSpec spec, List<String> sudoArgv, Askpass askpass, String askedMarker, String okMarker) {
        this.spec = spec;
        this.sudoArgv = sudoArgv;
        this.askpass = askpass;
        this.askedMarker = askedMarker;
        this.okMarker = okMarker;
    }

    /**
     * Starts sudo ({@code sudoArgv}, with {@code -A}), under a terminal right away when the spec says
     * {@link TtyMode#ALWAYS}. Owns {@code askpass} from here on, also when this throws.
     *
     * @param askedMarker what the askpass helper prints on stderr each time sudo runs it
     * @param okMarker what the command prints on stderr once sudo has let it run
     */
    static SudoProcess start(SudoSpec spec, List<String> sudoArgv, Askpass askpass, String askedMarker, String okMarker)
            throws IOException {
        SudoProcess p = new SudoProcess(spec, sudoArgv, askpass, askedMarker, okMarker);
        try {
            synchronized (p.lock) {
                p.attempt = p.launch(spec.tty() == TtyMode.ALWAYS);
            }
        } catch (IOException | RuntimeException e) {
            askpass.close();
            throw e;
        }
        return p;
    }

    private Attempt launch(boolean underTerminal) throws IOException {
        List<String> argv = underTerminal ? SudoCommand.underTerminal(sudoArgv) : SudoCommand.plain(sudoArgv);
        ProcessBuilder pb = InheritedEnvironment.processBuilder(argv);
        pb.environment().put("SUDO_ASKPASS", askpass.program().toString());
        Process process = pb.start();
        return new Attempt(process, underTerminal, new SudoHandshake(askedMarker, okMarker, spec.password() != null));
    }

    private Attempt current() {
        synchronized (lock) {
            return attempt;
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public long pid() {
        return current().process.pid();
    }

    @Override
    public boolean isAlive() {
        return current().process.isAlive();
    }

    @Override
    public Integer exitStatus() {
        Process p = current().process;
        return p.isAlive() ? null : p.exitValue();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return current().process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminate() {
        new ProcessTransportProcess(endAttempts().process).terminate();
    }

    /**
     * Closes the askpass and sudo's stdin first: a sudo waiting for its helper then gets no password and gives up, and
     * a child that runs as another user, which this JVM may not be allowed to signal, sees its parent stream end.
     */
    @Override
    public void kill() {
        Attempt a = endAttempts();
        closeQuietly(a.process.getOutputStream());
        new ProcessTransportProcess(a.process).kill();
    }

    private Attempt endAttempts() {
        askpass.close();
        synchronized (lock) {
            ended = true;
            if (state == State.AUTHENTICATING) {
                state = State.FAILED;
            }
            lock.notifyAll();
            return attempt;
        }
    }

    @Override
    public RuntimeException diagnose(Integer exitStatus, String output) {
        Attempt a;
        String first;
        synchronized (lock) {
            if (state == State.RUNNING) {
                return null; // sudo ran the command: what failed after that is the core's to explain
            }
            a = attempt;
            first = firstAttemptText;
        }
        String as = "sudo -u " + spec.user();
        SudoHandshake.Step outcome = a.handshake.outcome();
        if (outcome == SudoHandshake.Step.PASSWORD_INCORRECT) {
            return new SudoPasswordIncorrectException(
                    as + ": sudo refused the password (it asked again); check it: it is the booting user's password"
                            + " (or the target's or root's under targetpw/rootpw)",
                    exitStatus,
                    output);
        }
        if (outcome == SudoHandshake.Step.PASSWORD_REQUIRED) {
            return new SudoPasswordRequiredException(
                    as + ": sudo asked for a password and none was given; set one with password(Secret), or allow"
                            + " the booting user NOPASSWD in sudoers",
                    exitStatus,
                    output);
        }
        String text = a.handshake.sudoText();
        if (exitStatus != null
                && exitStatus == SudoCommand.EXIT_NO_SCRIPT
                && text.contains(SudoCommand.NO_SCRIPT_MARKER)) {
            String why = first != null && !first.isEmpty() ? " (without one it said: " + lastLine(first) + ")" : "";
            return new SudoTtyRequiredException(
                    as + ": sudo needs a terminal" + why + ", and util-linux 'script', which gives it one, is not"
                            + " installed where sudo runs: install it (bsdutils on Debian), or drop requiretty for"
                            + " the booting user",
                    exitStatus,
                    output);
        }
        if (exitStatus != null && exitStatus == 127 && !a.underTerminal
                || text.contains(spec.sudoPath() + ": not found")) {
            return new BootstrapException(
                    as + ": '" + spec.sudoPath() + "' was not found where sudo should run: install sudo, or set"
                            + " sudoPath",
                    exitStatus,
                    output);
        }
        if (exitStatus == null) {
            return null; // killed while authenticating (the connect timeout): the core says so
        }
        String tried = a.underTerminal && spec.tty() == TtyMode.AUTO ? " (with and without a terminal)" : "";
        return new SudoRefusedException(
                as + ": sudo ended before running the child" + tried + (text.isEmpty() ? "" : ": " + lastLine(text)),
                exitStatus,
                output);
    }

    private static String lastLine(String text) {
        String t = text.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /**
     * sudo's stderr during authentication goes through the handshake; afterwards it is passed on as it comes.
     * Runs on the core's stderr pump.
     */
    private final class HandshakeStderr extends ChunkInput {
        private final byte[] chunk = new byte[4096];
        private byte[] released = new byte[0];
        private int releasedAt;
        private boolean finished;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            for (; ; ) {
                if (releasedAt < released.length) {
                    int n = Math.min(len, released.length - releasedAt);
                    System.arraycopy(released, releasedAt, b, off, n);
                    releasedAt += n;
                    return n;
                }
                Attempt a = current();
                InputStream err = a.process.getErrorStream();
                if (a.handshake.outcome() != null) {
                    return err.read(b, off, len);
                }
                int n = err.read(chunk, 0, chunk.length);
                if (n < 0) {
                    if (finished) {
                        return -1;
                    }
                    if (!attemptEnded(a)) {
                        finished = true; // sudo quit before running the command: what it said is the report
                        release(a.handshake.sudoText());
                    }
                    continue;
                }
                act(a, a.handshake.feed(chunk, 0, n));
            }
        }

        private void act(Attempt a, SudoHandshake.Step step) {
            switch (step) {
                case RUNNING:
                    askpass.close(); // sudo authenticated: nothing may ask any more
                    synchronized (lock) {
                        if (state == State.AUTHENTICATING) {
                            state = State.RUNNING;
                        }
                        lock.notifyAll();
                    }
                    String said = a.handshake.sudoText();
                    byte[] head = said.isEmpty() ? new byte[0] : (said + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] rest = a.handshake.passThrough();
                    released = Arrays.copyOf(head, head.length + rest.length);
                    System.arraycopy(rest, 0, released, head.length, rest.length);
                    releasedAt = 0;
                    break;
                case PASSWORD_REQUIRED:
                case PASSWORD_INCORRECT:
                    askpass.close();
                    synchronized (lock) {
                        state = State.FAILED;
                        lock.notifyAll();
                    }
                    closeQuietly(a.process.getOutputStream()); // nothing will follow: the core's writes fail
                    release(a.handshake.sudoText());
                    break;
                default:
                    break;
            }
        }

        private void release(String text) {
            released = text.isEmpty() ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
            releasedAt = 0;
        }
    }

    /**
     * The verdict on an attempt whose stderr ended before sudo ran the command: true when a new attempt under a
     * terminal was started (sudo quit with status 1 without asking anything, as {@code requiretty} makes it).
     */
    private boolean attemptEnded(Attempt a) throws IOException {
        try {
            a.process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (attempt != a || state != State.AUTHENTICATING) {
                return attempt != a;
            }
            boolean retry = !ended
                    && spec.tty() == TtyMode.AUTO
                    && !a.underTerminal
                    && a.handshake.asks() == 0
                    && !a.process.isAlive()
                    && a.process.exitValue() == 1;
            if (retry) {
                firstAttemptText = a.handshake.sudoText();
                try {
                    attempt = launch(true);
                } catch (IOException e) {
                    retry = false;
                }
            }
            if (!retry) {
                state = State.FAILED;
                askpass.close();
            }
            lock.notifyAll();
            return retry;
        }
    }

    /** The current attempt's stdout; at its end, follows a retry the stderr side decided on. Runs on the boot thread. */
    private final class AttemptStdout extends ChunkInput {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            for (; ; ) {
                Attempt a = current();
                int n = a.process.getInputStream().read(b, off, len);
                if (n >= 0 || !awaitVerdict(a)) {
                    return n;
                }
            }
        }

        @Override
        public int available() throws IOException {
            return current().process.getInputStream().available();
        }

        /** Waits until the stderr side has judged {@code a}; true when a new attempt replaced it. */
        private boolean awaitVerdict(Attempt a) throws IOException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (lock) {
                while (attempt == a && state == State.AUTHENTICATING && System.nanoTime() < until) {
                    try {
                        lock.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while sudo authenticated");
                    }
                }
                return attempt != a;
            }
        }
    }

    /** Holds the core's writes until sudo ran the command, so the runtime never reaches sudo's password prompt. */
    private final class GatedStdin extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            running().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            running().flush();
        }

        @Override
        public void close() throws IOException {
            Attempt a;
            synchronized (lock) {
                a = attempt;
            }
            a.process.getOutputStream().close();
        }

        private OutputStream running() throws IOException {
            synchronized (lock) {
                while (state == State.AUTHENTICATING) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while sudo authenticated");
                    }
                }
                if (state == State.FAILED) {
                    throw new IOException("sudo did not run the child");
                }
                return attempt.process.getOutputStream();
            }
        }
    }

    /** An input stream that reads in chunks only; a single byte is a chunk of one. */
    private abstract static class ChunkInput extends InputStream {
        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }
}
