package io.econtext.transport.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent client over the JDK's own Unix-domain sockets (MINA's needs the native Tomcat APR library): the agent
 * protocol's requests and answers, each a 4-byte length and a message, on a connection of one login. The agent signs
 * for the embedded client; the keys never leave it.
 *
 * <pre>
 * client -&gt; agent: uint32 length, byte SSH2_AGENTC_REQUEST_IDENTITIES | SSH2_AGENTC_SIGN_REQUEST ...
 * agent -&gt; client: uint32 length, byte SSH2_AGENT_IDENTITIES_ANSWER | SSH2_AGENT_SIGN_RESPONSE ...
 * </pre>
 *
 * <p>Threads: MINA calls it from the thread that runs the login (an I/O thread): requests are serialized, and an agent
 * answers within milliseconds. Closed with the login.
 */
final class UnixSocketAgent extends AbstractAgentProxy {
    /** An agent answer larger than this is refused (OpenSSH's own limit is 256 KiB). */
    private static final int MAX_ANSWER = 256 * 1024;

    private final SocketChannel socket;

    UnixSocketAgent(Path path) throws IOException {
        super(null);
        socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            socket.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        int wpos = buffer.wpos();
        buffer.wpos(0);
        buffer.putUInt(wpos - 4L); // the length field the request was created with
        buffer.wpos(wpos);
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            socket.write(out);
        }
        ByteBuffer head = read(4);
        int length = head.getInt(0);
        if (length < 1 || length > MAX_ANSWER) {
            throw new IOException("the ssh agent answered with a message of " + length + " bytes");
        }
        return new ByteArrayBuffer(read(length).array());
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (socket.read(b) < 0) {
                throw new EOFException("the ssh agent closed the connection");
            }
        }
        return b;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            super.close();
        }
    }

    /**
     * Gives each login of the embedded client the agent at {@code $SSH_AUTH_SOCK}, unless its spec uses only its
     * identity files ({@link SshSpec#identitiesOnly()}) or no agent is there: then an empty one. No agent forwarding.
     */
    static final class Factory implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
            ConnectAttempt attempt =
                    session instanceof ClientSession ? ConnectAttempt.of((ClientSession) session) : null;
            String sock = System.getenv(SshAgent.SSH_AUTHSOCKET_ENV_NAME);
            if (attempt == null || attempt.spec.identitiesOnly() || sock == null || sock.isEmpty()) {
                return new AgentImpl();
            }
            try {
                return new UnixSocketAgent(Path.of(sock));
            } catch (IOException | RuntimeException e) {
                return new AgentImpl(); // as OpenSSH: an agent that is not there offers no keys
            }
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("the embedded ssh client does not forward the agent");
        }
    }
}
