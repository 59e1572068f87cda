package io.econtext.transport.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.DefaultConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * What the embedded client learned while one connect went on: the key the server presented and whether the spec's
 * {@link HostKeyPolicy} refused it, the methods the server accepts, whether a password was refused. Travels with the
 * connection as an attribute of its context, so that the client-wide verifier and reporters of {@link MinaSshClient}
 * act for this spec; read by {@link EmbeddedSshDiagnosis} when the connect failed.
 *
 * <p>A connect through {@code ProxyJump} makes one session per {@link SshHop}, all with this attempt in their context
 * (MINA passes the connect's context to the jump sessions it opens): the jump sessions log in with the same keys
 * ({@link #keys}, served by the client-wide key provider), and every hop's host key is checked against the spec's
 * known_hosts and policy under the hop's own name. Sessions are numbered as MINA creates them, which is the route's
 * order, so that a failure names the jump host where it happened.
 *
 * <p>Threads: written on MINA's I/O threads, read by the booting thread after the connect ended (volatile fields).
 */
final class ConnectAttempt implements ServerKeyVerifier {
    static final AttributeRepository.AttributeKey<ConnectAttempt> KEY = new AttributeRepository.AttributeKey<>();
    /** A session's place on the route: 0 for the first hop. */
    private static final AttributeRepository.AttributeKey<Integer> HOP = new AttributeRepository.AttributeKey<>();

    final SshSpec spec;
    /** Where Host aliases, HostName, User, Port, IdentityFile and ProxyJump come from for this connect. */
    final HostConfigEntryResolver hosts;
    /** The spec's keys, loaded on the booting thread before the connect; offered by every hop's session. */
    volatile List<KeyPair> keys = List.of();
    /** The hops to the host, jump hosts first; just the host when there is no ProxyJump. */
    volatile List<SshHop> route = List.of();

    private final AtomicInteger sessions = new AtomicInteger();
    private volatile ClientSession lastJump;
    /** How many sessions showed their host key: a route whose host never did failed at the last jump host. */
    private final AtomicInteger keysShown = new AtomicInteger();

    /** {@code ssh-ed25519 SHA256:...}, once the server showed its key. */
    volatile String presentedKey;

    volatile String fingerprint;
    volatile String keyType;
    volatile boolean keyUnknownRefused;
    volatile boolean keyChanged;
    volatile List<String> serverMethods = List.of();
    volatile boolean passwordRejected;

    /** Whether MINA resolved the spec's host already (the host: the first; a jump host of that name: a later one). */
    private final java.util.concurrent.atomic.AtomicBoolean hostResolved =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** True the first time only: that resolution of the spec's host name is the host's own. */
    boolean claimHostResolution() {
        return hostResolved.compareAndSet(false, true);
    }

    ConnectAttempt(SshSpec spec) {
        this.spec = spec;
        this.hosts = spec.configFile() == null
                ? DefaultConfigFileHostEntryResolver.INSTANCE // ~/.ssh/config, as MINA's default client reads it
                : new ConfigFileHostEntryResolver(Paths.get(spec.configFile()));
    }

    static ConnectAttempt of(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(KEY);
    }

    /** The attempt of a session seen by a client-wide provider, or {@code null} for a session of no attempt. */
    static ConnectAttempt of(SessionContext session) {
        return session instanceof ClientSession ? of((ClientSession) session) : null;
    }

    /** Called as MINA creates each session of this attempt, in route order. */
    void sessionCreated(ClientSession session) {
        int at = sessions.getAndIncrement();
        session.setAttribute(HOP, at);
        if (at == route.size() - 2) {
            lastJump = session;
        }
    }

    /**
     * Closes the listener through which MINA reached the host: it connects the host's session to a local port
     * forwarding of the last jump session, listening on 127.0.0.1 until that session ends. The connection made stays;
     * with the listener gone, no other local process can reach the host through the jump host as its user.
     */
    void closeJumpListener() throws IOException {
        ClientSession jump = lastJump;
        if (jump != null) {
            for (SshdSocketAddress local : jump.getStartedLocalPortForwards()) {
                jump.stopLocalPortForwarding(local);
            }
        }
    }

    /**
     * The jump host at which a connect that never produced the host's session failed, or {@code null} when the failure
     * was at the host itself. {@code tcp}: the TCP connect failed, so the hop no session was created for yet.
     */
    SshHop failedJump(boolean tcp) {
        List<SshHop> r = route;
        int at = tcp ? sessions.get() : sessions.get() - 1;
        return at >= 0 && at < r.size() - 1 ? r.get(at) : null;
    }

    /** With jump hosts, the last one when the host's session never got as far as showing its key. */
    SshHop lastJumpIfHostUnseen() {
        List<SshHop> r = route;
        return r.size() > 1 && keysShown.get() < r.size() ? r.get(r.size() - 2) : null;
    }

    private SshHop hopOf(ClientSession session) {
        Integer at = session.getAttribute(HOP);
        List<SshHop> r = route;
        return at != null && at < r.size() ? r.get(at) : null;
    }

    /** The known_hosts file the spec names, or {@code ~/.ssh/known_hosts}. */
    Path knownHostsFile() {
        return spec.knownHostsFile() != null
                ? Paths.get(spec.knownHostsFile())
                : Paths.get(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        keysShown.incrementAndGet();
        fingerprint = KeyUtils.getFingerPrint(key);
        keyType = KeyUtils.getKeyType(key);
        presentedKey = keyType + " " + fingerprint;
        if (spec.hostKeyPolicy() == HostKeyPolicy.IGNORE) {
            return true;
        }
        ServerKeyVerifier unknown = (s, r, k) -> {
            if (spec.hostKeyPolicy() == HostKeyPolicy.ACCEPT_NEW) {
                return true; // KnownHostsServerKeyVerifier then records it in the file
            }
            keyUnknownRefused = true;
            return false;
        };
        SshHop hop = route.size() > 1 ? hopOf(session) : null;
        KnownHostsServerKeyVerifier known = hop == null
                ? new KnownHostsServerKeyVerifier(unknown, knownHostsFile())
                : new HopKeyVerifier(unknown, knownHostsFile(), hop);
        known.setModifiedServerKeyAcceptor((s, r, entry, expected, actual) -> {
            keyChanged = true;
            return false;
        });
        // on a route, a session's peer is the previous hop's forwarding (127.0.0.1:random): use the hop's own name
        return known.verifyServerKey(session, hop == null ? remote : hop.address(), key);
    }

    /** Looks a hop's key up (and records it) under the hop's name only, never under the address of a forwarding. */
    private static final class HopKeyVerifier extends KnownHostsServerKeyVerifier {
        private final SshHop hop;

        HopKeyVerifier(ServerKeyVerifier unknown, Path file, SshHop hop) {
            super(unknown, file);
            this.hop = hop;
        }

        @Override
        protected java.util.Collection<SshdSocketAddress> resolveHostNetworkIdentities(
                ClientSession session, SocketAddress remote) {
            return List.of(hop.address());
        }
    }

    void failedLogin(List<String> methods) {
        if (methods != null && !methods.isEmpty()) {
            serverMethods = List.copyOf(methods);
        }
    }

    /**
     * The server offered {@code method} (MINA only tries what the server lists) but the spec has nothing to answer
     * it with: e.g. {@code password} with no password given.
     */
    void serverOffers(String method) {
        List<String> known = serverMethods;
        if (!known.contains(method)) {
            List<String> more = new java.util.ArrayList<>(known);
            more.add(method);
            serverMethods = List.copyOf(more);
        }
    }
}
