package io.econtext.testkit.ssh;

import io.econtext.ConnectionSpec;
import io.econtext.testkit.junit.ContextSpecFactory;
import io.econtext.testkit.sshd.EmbeddedSshServer;
import io.econtext.transport.ssh.Ssh;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Specs that reach an {@link EmbeddedSshServer} through the system's OpenSSH client, and the specs of
 * {@link EmbeddedSshContext} (whose server is started once per test run, on first use, and stopped at its end).
 *
 * <pre>{@code
 * try (EmbeddedSshServer server = EmbeddedSshServer.start("ectestembedded")) {
 *     Context c = router.connect(EmbeddedSshSpecs.to(server).name("over-ssh"));
 * }
 * }</pre>
 */
public final class EmbeddedSshSpecs implements ContextSpecFactory<EmbeddedSshContext> {
    private static final Namespace NAMESPACE = Namespace.create(EmbeddedSshSpecs.class);

    /** {@code Ssh.to(host).port(port).user(user).identityFile(key).knownHostsFile(knownHosts)} of {@code server}. */
    public static SshSpec to(EmbeddedSshServer server) {
        return Ssh.to(server.host())
                .port(server.port())
                .user(server.userName())
                .identityFile(server.clientKeyFile().toString())
                .knownHostsFile(server.knownHostsFile().toString());
    }

    @Override
    public ConnectionSpec spec(EmbeddedSshContext annotation, ExtensionContext test) {
        SshSpec spec = to(server(test));
        return annotation.name().isEmpty() ? spec : spec.name(annotation.name());
    }

    /** One server per test run, kept in the root store, which closes it (it is AutoCloseable) when the run ends. */
    private static EmbeddedSshServer server(ExtensionContext test) {
        return test.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedSshServer.class,
                        k -> {
                            try {
                                return EmbeddedSshServer.start("ectestembedded");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        EmbeddedSshServer.class);
    }
}
