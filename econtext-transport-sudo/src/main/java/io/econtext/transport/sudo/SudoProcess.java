package io.econtext.transport.sudo;

import io.econtext.spi.Askpass;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sudo process seen by the core as one {@link TransportProcess}, while underneath it authenticates and, in
 * {@link TtyMode#AUTO}, may start over once under a terminal ({@link SudoAttempts}):
 *
 * <pre>
 *   core (boot thread)      stdout ──── {@link AttemptStdout}: the attempt's stdout; at its end, the stderr side's verdict
 *   core (stdin writer)     stdin  ──── {@link GatedStdin}: held until sudo runs the command
 *   core (stderr pump)      stderr ──── {@link HandshakeStderr}: counts the askpass helper's calls, spots the ok
 *                                        marker, decides on a retry under a terminal when sudo quit without asking
 *   sudo (as this JVM's user) ───────── runs {@code SUDO_ASKPASS}: the {@link Askpass} hands it the password once
 * </pre>
 *
 * Nothing is ever written to sudo's stdin but the runtime, after sudo ran the command: whatever reads stdin before
 * that (the target's login scripts under {@code -i}) gets nothing, and the password only reaches the helper sudo runs
 * for its own authentication. The askpass is closed as soon as sudo ran the command, refused, or ended. What sudo said
 * before the command ran reaches the core without the markers; a failure is explained by {@link SudoDiagnosis}.
 *
 * <p>Threads: each stream is used by one core thread; {@link #terminate()} and {@link #kill()} may come from any
 * thread and end any retry.
 */
final class SudoProcess implements TransportProcess {
    private final SudoSpec spec;
    private final SudoAttempts attempts;
    private final InputStream stdout;
    private final InputStream stderr;
    private final OutputStream stdin;

    private SudoProcess(SudoSpec spec, SudoAttempts attempts) {
        this.spec = spec;
        this.attempts = attempts;
        this.stdout = new AttemptStdout(attempts);
        this.stderr = new HandshakeStderr(attempts);
        this.stdin = new GatedStdin(attempts);
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
        SudoAttempts attempts = new SudoAttempts(spec, sudoArgv, askpass, askedMarker, okMarker);
        try {
            attempts.start();
        } catch (IOException | RuntimeException e) {
            attempts.closeAskpass();
            throw e;
        }
        return new SudoProcess(spec, attempts);
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
        return attempts.current().process().pid();
    }

    @Override
    public boolean isAlive() {
        return attempts.current().process().isAlive();
    }

    @Override
    public Integer exitStatus() {
        Process p = attempts.current().process();
        return p.isAlive() ? null : p.exitValue();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return attempts.current().process().waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminate() {
        new ProcessTransportProcess(attempts.end().process()).terminate();
    }

    /**
     * Closes the askpass and sudo's stdin first: a sudo waiting for its helper then gets no password and gives up, and
     * a child that runs as another user, which this JVM may not be allowed to signal, sees its parent stream end.
     */
    @Override
    public void kill() {
        SudoAttempts.Attempt a = attempts.end();
        HandshakeStderr.closeQuietly(a.process().getOutputStream());
        new ProcessTransportProcess(a.process()).kill();
    }

    @Override
    public RuntimeException diagnose(Integer exitStatus, String output) {
        if (attempts.state() == SudoAttempts.State.RUNNING) {
            return null; // sudo ran the command: what failed after that is the core's to explain
        }
        return SudoDiagnosis.diagnose(spec, attempts.current(), attempts.firstAttemptText(), exitStatus, output);
    }
}
