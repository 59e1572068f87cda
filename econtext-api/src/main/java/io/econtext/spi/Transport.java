package io.econtext.spi;

import io.econtext.ConnectionSpec;
import java.io.IOException;

/**
 * Starts the process that will become a child context. The core hands over a {@link BootCommand}: a POSIX shell
 * script that must run on the target with its stdin, stdout and stderr connected to the returned process's streams.
 * Everything after that (writing the runtime, the handshake, framing) is the core's job.
 *
 * <p>Implementations must be JDK-only and have a public no-argument constructor: an intermediate context loads them
 * over the wire and runs them to boot its own children.
 *
 * <pre>{@code
 * public final class LocalTransport implements Transport<LocalSpec> {
 *   public TransportProcess start(LocalSpec spec, BootCommand command) throws IOException {
 *     return ProcessTransportProcess.start(List.of("/bin/sh", "-c", command.script()), command.environment());
 *   }
 * }
 * }</pre>
 *
 * <p>A transport that holds something for the router it serves (a client shared by every host, its threads) also
 * implements {@link AutoCloseable}: the master's router closes it when it closes, after its contexts. A master binds
 * one transport instance per router.
 *
 * <p>Threads: {@link #start} is called on a thread that may block.
 */
public interface Transport<S extends ConnectionSpec> {
    /** The scheme this transport serves, e.g. {@code local}. */
    String scheme();

    /** The spec type this transport accepts. */
    Class<S> specType();

    /** Starts the process that runs {@code command}. */
    TransportProcess start(S spec, BootCommand command) throws IOException;

    /**
     * Turns a failed boot's evidence into the most helpful exception, or {@code null} to let the core use its generic
     * diagnosis. {@code output} holds the lines the process printed before it died (stdout junk and stderr).
     */
    default RuntimeException diagnose(S spec, Integer exitStatus, String output) {
        return null;
    }
}
