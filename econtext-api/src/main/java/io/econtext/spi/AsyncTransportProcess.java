package io.econtext.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@link TransportProcess} whose bytes arrive by callback and whose writes complete by callback: the shape of a
 * network transport running on an event loop (an SSH channel of an embedded client, a TLS connect-back, a Kubernetes
 * exec over a WebSocket). The core serves such a process without a thread of its own: it decodes the frames of
 * {@code stdout} and routes them on the thread that delivered the bytes, and writes frames to {@code stdin} one
 * buffer at a time as the previous write completes.
 *
 * <pre>
 *   transport's I/O thread ── stdout(bytes) ──▶ core: frames decoded, routed, answers complete callers' futures
 *                          ── stderr(bytes) ──▶ core: lines, the child's forwarded output
 *   core ── write(bytes, done) ──▶ transport ── done.written(null) ──▶ core writes its next buffer
 * </pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} is called once, after which the process delivers its {@code stdout} and {@code stderr} bytes
 *       to the {@link Inbound}, each stream in order and one callback at a time per stream, then says when each
 *       ended. A callback may run on any thread the transport owns; it must not be called while another callback for
 *       the same stream runs.
 *   <li>The array handed to a callback is the transport's again when the callback returns: the core copies what it
 *       keeps.
 *   <li>{@link #pauseStdout()} stops {@code stdout} callbacks until {@link #resumeStdout()} (a callback already
 *       running finishes; at most one more may follow). The transport then stops reading, and its flow control (an
 *       SSH window) holds the peer back: nothing accumulates without bound.
 *   <li>{@link #write} has at most one write outstanding: the core calls it again only after {@code done} ran.
 *       {@code done} runs exactly once, possibly before {@code write} returns, possibly on the transport's thread.
 *       A write waits for the peer (its window) as long as it must; it never blocks the caller.
 *   <li>Callbacks never block and never run user code: the core routes frames and completes futures there.
 * </ul>
 *
 * <p>{@link #stdin()}, {@link #stdout()} and {@link #stderr()} are not used for such a process; by default they refuse.
 */
public interface AsyncTransportProcess extends TransportProcess {
    /** Where an {@link AsyncTransportProcess} delivers what the target printed. */
    interface Inbound {
        /** Bytes the target wrote to its stdout. */
        void stdout(byte[] bytes, int offset, int length);

        /** Bytes the target wrote to its stderr. */
        void stderr(byte[] bytes, int offset, int length);

        /**
         * The target's stdout ended: end of stream, or the connection broke ({@code failure} says how, or is {@code
         * null} for a clean end). Called once; no {@link #stdout} follows.
         */
        void stdoutEnded(IOException failure);

        /** The target's stderr ended. Called once; no {@link #stderr} follows. */
        void stderrEnded();
    }

    /** Told when a {@link #write} completed. */
    interface WriteDone {
        /** All bytes were handed to the transport ({@code failure} is {@code null}), or the write failed. */
        void written(IOException failure);
    }

    /** Starts delivering to {@code inbound}. Called once, before any other method but {@link #write}. */
    void start(Inbound inbound);

    /** Stops delivering {@code stdout} until {@link #resumeStdout()}. Any thread. */
    void pauseStdout();

    /** Delivers {@code stdout} again. Any thread. */
    void resumeStdout();

    /** Writes {@code bytes[offset, offset + length)} to the target's stdin; {@code done} runs when it completed. */
    void write(byte[] bytes, int offset, int length, WriteDone done);

    /**
     * Sends end of file on the target's stdin once the outstanding write (if any) completed: a child context exits
     * at EOF from its parent. Idempotent.
     */
    @Override
    void closeStdin();

    @Override
    default OutputStream stdin() {
        throw new UnsupportedOperationException("an AsyncTransportProcess takes writes by write(bytes, done)");
    }

    @Override
    default InputStream stdout() {
        throw new UnsupportedOperationException("an AsyncTransportProcess delivers stdout by callback");
    }

    @Override
    default InputStream stderr() {
        throw new UnsupportedOperationException("an AsyncTransportProcess delivers stderr by callback");
    }
}
