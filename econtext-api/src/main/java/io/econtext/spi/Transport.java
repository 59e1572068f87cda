package io.econtext.spi;

import io.econtext.ConnectionSpec;
import java.io.IOException;

/**
 * Starts the process that will become a child context. The core hands over a {@link BootCommand}: a POSIX shell
 * script that must run on the target with its stdin, stdout and stderr connected to the returned process's streams.
 * Everything after that (writing the runtime, the handshake, framing) is the core's job.
 *
 * <p>Implementations must be JDK-only, public, and have a public no-argument constructor: an intermediate context
 * loads the class over the wire and makes its own transport with it to boot its own children. A transport therefore
 * takes no injected dependencies ({@code @Inject} is refused); what it needs travels in its spec. The master checks
 * this when the router is made ({@code io.econtext.core.Transports}), and serves each transport under its {@link
 * #scheme()} (one transport per scheme) with specs of its {@link #specType()} only.
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
    /** The scheme this transport serves, e.g. {@code local}: specs whose {@code scheme()} it is come here. */
    String scheme();

    /** The spec type this transport accepts; a spec of its scheme but another type is refused before it starts. */
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
