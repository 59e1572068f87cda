package io.econtext.transport.ssh;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * What the embedded client learned while one connect went on: the key the server presented and whether the spec's
 * {@link HostKeyPolicy} refused it, the methods the server accepts, whether a password was refused. Travels with the
 * connection as an attribute of its context, so that the client-wide verifier and reporters of {@link MinaSshClient}
 * act for this spec; read by {@link EmbeddedSshDiagnosis} when the connect failed.
 *
 * <p>Threads: written on MINA's I/O threads, read by the booting thread after the connect ended (volatile fields).
 */
final class ConnectAttempt implements ServerKeyVerifier {
    static final AttributeRepository.AttributeKey<ConnectAttempt> KEY = new AttributeRepository.AttributeKey<>();

    final SshSpec spec;
    /** {@code ssh-ed25519 SHA256:...}, once the server showed its key. */
    volatile String presentedKey;

    volatile String fingerprint;
    volatile String keyType;
    volatile boolean keyUnknownRefused;
    volatile boolean keyChanged;
    volatile List<String> serverMethods = List.of();
    volatile boolean passwordRejected;

    ConnectAttempt(SshSpec spec) {
        this.spec = spec;
    }

    static ConnectAttempt of(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(KEY);
    }

    /** The known_hosts file the spec names, or {@code ~/.ssh/known_hosts}. */
    Path knownHostsFile() {
        return spec.knownHostsFile() != null
                ? Paths.get(spec.knownHostsFile())
                : Paths.get(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    @Override
    public boolean verifyServerKey(ClientSession session, java.net.SocketAddress remote, PublicKey key) {
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
        KnownHostsServerKeyVerifier known = new KnownHostsServerKeyVerifier(unknown, knownHostsFile());
        known.setModifiedServerKeyAcceptor((s, r, entry, expected, actual) -> {
            keyChanged = true;
            return false;
        });
        return known.verifyServerKey(session, remote, key);
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
