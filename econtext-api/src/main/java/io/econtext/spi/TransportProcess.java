package io.econtext.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The process a {@link Transport} started: its three streams, and the means to end it.
 *
 * <p>Threads: the streams are each used by one dedicated thread of the core; the other methods may be called from
 * any thread. A process that delivers its bytes by callback instead implements {@link AsyncTransportProcess}.
 */
public interface TransportProcess {
    /** Feeds the target's stdin. */
    OutputStream stdin();

    /** The target's stdout: the protocol stream after the handshake. */
    InputStream stdout();

    /** The target's stderr: diagnostics before the handshake, the child's forwarded output after. */
    InputStream stderr();

    /**
     * Sends end of file on the target's stdin: a child context exits at EOF from its parent. The default closes
     * {@link #stdin()}. Idempotent.
     */
    default void closeStdin() throws IOException {
        stdin().close();
    }

    /** A pid for people to look at ({@code -1} when unknown). */
    long pid();

    /** True while the process runs. */
    boolean isAlive();

    /** Exit status, or {@code null} while it runs. */
    Integer exitStatus();

    /** Waits up to {@code timeout} for the process to end; true if it did. */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** Asks the process (and the processes it started for this context) to end. */
    void terminate();

    /** Ends the process (and the processes it started for this context) now. */
    void kill();

    /**
     * Explains a failed boot from what this process saw itself, or {@code null} to leave it to the transport and the
     * core. A process that talks to a program before the child runs (a password prompt, a retry under a terminal)
     * knows things the output alone cannot tell, e.g. that a password was refused; it turns them into a typed
     * exception here, with the evidence the core gathered.
     *
     * @param exitStatus the exit status of the process, or {@code null} when it had not exited
     * @param output the lines it printed before the handshake (stdout junk and stderr)
     */
    default RuntimeException diagnose(Integer exitStatus, String output) {
        return null;
    }
}
