package io.econtext.transport.ssh;

import io.econtext.spi.BootCommand;
import io.econtext.spi.TransportProcess;
import java.io.IOException;

/**
 * The embedded ssh client as {@link SshTransport} sees it: JDK types only, so that a child that loads
 * {@code SshTransport} by name never loads Apache MINA SSHD. The master's {@link SshTransportModule} supplies the one
 * implementation, {@link MinaSshClient}; in a child there is none.
 *
 * <p>Threads: {@link #start} blocks its caller (a booting thread) for up to the spec's connect timeout; both methods
 * are thread-safe.
 */
interface EmbeddedClient extends AutoCloseable {
    /** Connects, checks the host key, logs in and runs {@code command} on an exec channel. */
    TransportProcess start(SshSpec spec, BootCommand command) throws IOException;

    /** Ends every session of this client and its threads; later starts fail. */
    @Override
    void close();
}
