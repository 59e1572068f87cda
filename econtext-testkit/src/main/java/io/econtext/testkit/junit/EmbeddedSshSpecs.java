package io.econtext.testkit.junit;

import io.econtext.ConnectionSpec;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.EmbeddedSshServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Builds the {@code SshSpec} that reaches an {@link EmbeddedSshServer}, by reflection: the testkit cannot depend on
 * {@code econtext-transport-ssh} (whose tests use the testkit), so the ssh transport is found at run time, in the class
 * loader that {@link Econtext} finds its transports in.
 */
final class EmbeddedSshSpecs {
    static final String SSH_CLASS = "io.econtext.transport.ssh.Ssh";

    private EmbeddedSshSpecs() {}

    /**
     * {@code Ssh.to(host).port(port).user(user).identityFile(key).knownHostsFile(knownHosts)}, named {@code name} unless
     * it is empty.
     *
     * <p>The server is taken from {@code servers} only once the ssh transport was found.
     *
     * @throws IllegalStateException when the ssh transport is not on the class path
     */
    static ConnectionSpec to(Supplier<EmbeddedSshServer> servers, String name) {
        Class<?> ssh;
        try {
            ssh = Class.forName(SSH_CLASS, true, Econtext.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "@EmbeddedSshContext needs the ssh transport: add io.econtext:econtext-transport-ssh to the test"
                            + " class path (" + SSH_CLASS + " not found)",
                    e);
        }
        EmbeddedSshServer server = servers.get();
        try {
            Object spec = ssh.getMethod("to", String.class).invoke(null, server.host());
            spec = with(spec, "port", int.class, server.port());
            spec = with(spec, "user", String.class, server.userName());
            spec = with(
                    spec, "identityFile", String.class, server.clientKeyFile().toString());
            spec = with(
                    spec,
                    "knownHostsFile",
                    String.class,
                    server.knownHostsFile().toString());
            if (!name.isEmpty()) {
                spec = with(spec, "name", String.class, name);
            }
            return (ConnectionSpec) spec;
        } catch (InvocationTargetException e) {
            // e.g. the spec refused the name: the spec's own message says what it expects
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("building the ssh spec failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "@EmbeddedSshContext does not fit this version of econtext-transport-ssh: " + e, e);
        }
    }

    private static Object with(Object spec, String option, Class<?> type, Object value)
            throws ReflectiveOperationException {
        Method m = spec.getClass().getMethod(option, type);
        return m.invoke(spec, value);
    }
}
