package io.econtext.transport.sudo;

import io.econtext.spi.Askpass;
import io.econtext.spi.InheritedEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runs of sudo behind one {@link SudoProcess} and the state they share. In {@link TtyMode#AUTO} a sudo that quit
 * with status 1 without asking anything ({@code requiretty}) is started over once under a terminal:
 *
 * <pre>
 *   AUTHENTICATING ── the command's ok marker on stderr ─────────────────────────────&gt; RUNNING
 *   AUTHENTICATING ── asked for a password twice, or without one to give ────────────&gt; FAILED
 *   AUTHENTICATING ── stderr ended: status 1, never asked, AUTO, not yet under a tty ─&gt; AUTHENTICATING (new attempt)
 *   AUTHENTICATING ── stderr ended otherwise, or terminate/kill ─────────────────────&gt; FAILED
 * </pre>
 *
 * The askpass is closed as soon as the state leaves AUTHENTICATING: nothing may ask for the password any more.
 *
 * <p>Threads: guarded by this object's monitor; the stream adapters wait on it for the state to change, bounded
 * except for the stdin writer, which waits until sudo runs the command or fails.
 */
final class SudoAttempts {
    enum State {
        AUTHENTICATING,
        RUNNING,
        FAILED
    }

    /** One run of sudo: its process, whether it runs under a terminal, and the handshake that judges it. */
    record Attempt(Process process, boolean underTerminal, SudoHandshake handshake) {}

    private final SudoSpec spec;
    private final List<String> sudoArgv;
    private final Askpass askpass;
    private final String askedMarker;
    private final String okMarker;

    // guarded by this
    private Attempt attempt;
    private State state = State.AUTHENTICATING;
    private boolean ended;
    private String firstAttemptText;

    SudoAttempts(SudoSpec spec, List<String> sudoArgv, Askpass askpass, String askedMarker, String okMarker) {
        this.spec = spec;
        this.sudoArgv = sudoArgv;
        this.askpass = askpass;
        this.askedMarker = askedMarker;
        this.okMarker = okMarker;
    }

    /** Starts the first attempt, under a terminal right away when the spec says {@link TtyMode#ALWAYS}. */
    synchronized void start() throws IOException {
        attempt = launch(spec.tty() == TtyMode.ALWAYS);
    }

    private Attempt launch(boolean underTerminal) throws IOException {
        List<String> argv = underTerminal ? SudoCommand.underTerminal(sudoArgv) : SudoCommand.plain(sudoArgv);
        ProcessBuilder pb = InheritedEnvironment.processBuilder(argv);
        pb.environment().put("SUDO_ASKPASS", askpass.program().toString());
        Process process = pb.start();
        return new Attempt(process, underTerminal, new SudoHandshake(askedMarker, okMarker, spec.password() != null));
    }

    synchronized Attempt current() {
        return attempt;
    }

    synchronized State state() {
        return state;
    }

    /** What the first attempt said when a second one under a terminal replaced it; {@code null} otherwise. */
    synchronized String firstAttemptText() {
        return firstAttemptText;
    }

    /** Sudo ran the command. */
    void running() {
        askpass.close();
        synchronized (this) {
            if (state == State.AUTHENTICATING) {
                state = State.RUNNING;
            }
            notifyAll();
        }
    }

    /** Sudo refused (the handshake's verdict): no attempt follows. */
    void failed() {
        askpass.close();
        synchronized (this) {
            state = State.FAILED;
            notifyAll();
        }
    }

    /** Ends every attempt, also one still to come; returns the current one. Any thread. */
    Attempt end() {
        askpass.close();
        synchronized (this) {
            ended = true;
            if (state == State.AUTHENTICATING) {
                state = State.FAILED;
            }
            notifyAll();
            return attempt;
        }
    }

    /**
     * The verdict on an attempt whose stderr ended before sudo ran the command: true when a new attempt under a
     * terminal was started (sudo quit with status 1 without asking anything, as {@code requiretty} makes it). Runs on
     * the stderr pump; waits up to 5 s for the attempt's exit.
     */
    boolean ended(Attempt a) {
        try {
            a.process().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (attempt != a || state != State.AUTHENTICATING) {
                return attempt != a;
            }
            boolean retry = !ended
                    && spec.tty() == TtyMode.AUTO
                    && !a.underTerminal()
                    && a.handshake().asks() == 0
                    && !a.process().isAlive()
                    && a.process().exitValue() == 1;
            if (retry) {
                firstAttemptText = a.handshake().sudoText();
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
            notifyAll();
            return retry;
        }
    }

    /** Waits up to 10 s until the stderr side has judged {@code a}; true when a new attempt replaced it. */
    synchronized boolean awaitVerdict(Attempt a) throws IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempt == a && state == State.AUTHENTICATING && System.nanoTime() < until) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sudo authenticated");
            }
        }
        return attempt != a;
    }

    /** The running command's stdin, once sudo ran it; fails when sudo did not. */
    synchronized OutputStream runningStdin() throws IOException {
        while (state == State.AUTHENTICATING) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sudo authenticated");
            }
        }
        if (state == State.FAILED) {
            throw new IOException("sudo did not run the child");
        }
        return attempt.process().getOutputStream();
    }

    /** Owns the askpass from {@link #start} on: closes it, also when starting failed. */
    void closeAskpass() {
        askpass.close();
    }
}
