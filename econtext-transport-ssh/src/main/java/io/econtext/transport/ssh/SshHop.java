package io.econtext.transport.ssh;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * One ssh server on the way to a spec's host, as the embedded client reaches it: a jump host of the configuration's
 * {@code ProxyJump}, or the host itself (the last hop). Apache MINA SSHD connects the hops in this order, each through
 * a {@code direct-tcpip} channel of the previous one, and creates one session per hop in the same order, which is how
 * {@link ConnectAttempt} tells which hop a session is.
 *
 * <pre>
 * Host app1                      route of "app1":  [ bastion (ops@10.0.0.5:22),  app1 (deploy@10.0.3.17:22) ]
 *     HostName 10.0.3.17                            session 0                     session 1, through session 0
 *     User deploy
 *     ProxyJump ops@bastion
 * </pre>
 *
 * @param written the hop as the configuration or the spec names it ({@code ops@bastion}, {@code app1})
 * @param user the login name the hop is reached with
 * @param hostName the resolved host name or address
 * @param port the resolved port
 */
record SshHop(String written, String user, String hostName, int port) {
    /** At most this many jump hosts on one route (MINA's own bound is {@code MAX_PROXY_JUMPS}). */
    private static final int MAX_JUMPS = 10;

    /**
     * The hops to {@code target}, jump hosts first (connection order), then the target. A jump host with a
     * {@code ProxyJump} of its own is reached through that chain first, as MINA (and OpenSSH) do.
     */
    static List<SshHop> route(
            HostConfigEntryResolver resolver, String written, HostConfigEntry target, AttributeRepository context)
            throws IOException {
        List<SshHop> hops = new ArrayList<>();
        jumpsTo(resolver, target, context, hops, 0);
        hops.add(of(written, target));
        return hops;
    }

    private static void jumpsTo(
            HostConfigEntryResolver resolver,
            HostConfigEntry entry,
            AttributeRepository context,
            List<SshHop> hops,
            int depth)
            throws IOException {
        String proxyJump = entry.getProxyJump();
        if (proxyJump == null || proxyJump.isBlank() || "none".equalsIgnoreCase(proxyJump.strip())) {
            return;
        }
        boolean first = true;
        for (String part : proxyJump.split(",")) {
            String j = part.strip();
            URI uri = URI.create(j.contains("//") ? j : "ssh://" + j);
            HostConfigEntry jump =
                    resolver.resolveEffectiveHost(uri.getHost(), uri.getPort(), null, uri.getUserInfo(), null, context);
            if (jump == null) {
                jump = new HostConfigEntry(uri.getHost(), uri.getHost(), uri.getPort(), uri.getUserInfo());
            }
            if (first && depth < MAX_JUMPS) {
                jumpsTo(resolver, jump, context, hops, depth + 1); // the first jump's own ProxyJump comes before it
            }
            first = false;
            hops.add(of(j, jump));
        }
    }

    private static SshHop of(String written, HostConfigEntry entry) {
        int port = entry.getPort() > 0 ? entry.getPort() : 22;
        String user = entry.getUsername() != null ? entry.getUsername() : System.getProperty("user.name");
        return new SshHop(written, user, entry.getHostName(), port);
    }

    /** Where this hop's host key is looked up and recorded: the resolved host name and port, as OpenSSH does. */
    SshdSocketAddress address() {
        return new SshdSocketAddress(hostName, port);
    }

    /** The hop's name in known_hosts: {@code host}, or {@code [host]:port} off port 22. */
    String knownHostsName() {
        return port == 22 ? hostName : "[" + hostName + "]:" + port;
    }

    /** {@code jump host bastion (ops@10.0.0.5:22)}. */
    String describeJump() {
        return "jump host " + written + " (" + user + "@" + hostName + ":" + port + ")";
    }
}
