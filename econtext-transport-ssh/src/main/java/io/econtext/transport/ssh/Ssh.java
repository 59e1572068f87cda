package io.econtext.transport.ssh;

import io.econtext.spi.SpecSettings;
import java.util.List;

/**
 * Entry point of the ssh transport: a child JVM on another host, started through the system's {@code ssh} client.
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *   Context bastion = router.connect(Ssh.to("jump.example.com").user("ops"));
 *   Context app = router.connect(Ssh.to("app1.internal").via(bastion));     // app1 is reached from the bastion
 *   System.out.println(app.call(() -> System.getProperty("user.name")));
 * }
 * }</pre>
 *
 * <p>The remote host needs {@code /bin/sh} and a {@code java} 17 or newer; nothing is installed there and nothing is
 * left behind.
 */
public final class Ssh {
    /** The scheme of the ssh transport. */
    public static final String SCHEME = "ssh";
    /** Default bound on a boot, from starting {@code ssh} to the child's first answer. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = SpecSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS;
    /** Default seconds between keepalive probes when the connection is silent. */
    public static final int DEFAULT_KEEPALIVE_INTERVAL_SECONDS = 15;
    /** Default number of unanswered keepalive probes after which the connection counts as dead. */
    public static final int DEFAULT_KEEPALIVE_COUNT_MAX = 3;

    /**
     * The client of the ssh hops a router boots itself when their spec names none ({@link SshSpec#client()} {@code
     * null}): {@link SshClientKind#OPENSSH} unless set.
     *
     * <pre>{@code
     * Router router = Econtext.newRouter(RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED));
     * router.connect(Ssh.to("app1"));                                  // embedded
     * router.connect(Ssh.to("app2").client(SshClientKind.OPENSSH));    // the spec's choice wins
     * }</pre>
     *
     * A hop booted by another context ({@code via}) with no client named runs that context's OpenSSH.
     */
    public static final io.econtext.core.RouterSetting<SshClientKind> DEFAULT_CLIENT =
            io.econtext.core.RouterSetting.of("ssh.defaultClient", SshClientKind.class, SshClientKind.OPENSSH);

    private Ssh() {}

    /**
     * A spec for {@code host} (a name, an address or a {@code Host} alias of {@code ~/.ssh/config}) with the defaults:
     * port, user and keys from the ssh configuration, {@link HostKeyPolicy#ENFORCE}, keepalive every 15 s, a 30 s
     * connect timeout, the router's default client ({@link #DEFAULT_CLIENT}) and the remote {@code java} on {@code PATH}.
     */
    public static SshSpec to(String host) {
        return new SshSpec(
                SpecSettings.defaults(),
                host,
                SshSpec.PORT_UNSET,
                null,
                null,
                false,
                null,
                HostKeyPolicy.ENFORCE,
                null,
                "ssh",
                List.of(),
                DEFAULT_KEEPALIVE_INTERVAL_SECONDS,
                DEFAULT_KEEPALIVE_COUNT_MAX,
                false,
                null,
                null,
                null,
                null);
    }

    /**
     * A spec from a destination written as on a command line: {@code [user@]host[:port]}, with an IPv6 address in
     * brackets ({@code [::1]:2222}).
     *
     * <pre>{@code
     * Ssh.parse("ops@jump.example.com:2222")   // same as Ssh.to("jump.example.com").user("ops").port(2222)
     * }</pre>
     */
    public static SshSpec parse(String destination) {
        if (destination == null || destination.isEmpty()) {
            throw new IllegalArgumentException("destination : '" + destination + "' (expected: [user@]host[:port])");
        }
        String rest = destination;
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String host = rest;
        int port = SshSpec.PORT_UNSET;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 < rest.length() && rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(
                        "destination : '" + destination + "' (expected: [user@]host[:port], IPv6 as [addr]:port)");
            }
            host = rest.substring(1, close);
            portText = close + 1 < rest.length() ? rest.substring(close + 2) : null;
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            int colon = rest.indexOf(':');
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "destination : '" + destination + "' (expected: [user@]host[:port] with a numeric port)");
            }
            if (port == SshSpec.PORT_UNSET) {
                throw new IllegalArgumentException("port : 0 (expected: 1-65535)");
            }
        }
        return to(host).user(user).port(port);
    }
}
