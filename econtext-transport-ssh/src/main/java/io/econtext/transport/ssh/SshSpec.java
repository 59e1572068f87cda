package io.econtext.transport.ssh;

import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecChecks;
import io.econtext.spi.SpecSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to reach a host over ssh and start a child JVM there. Immutable; build it fluently from {@link Ssh#to(String)}.
 * Every option is validated when it is set, with a message naming the option and what it expects.
 *
 * <pre>{@code
 * SshSpec spec = Ssh.to("app1.internal")
 *         .user("deploy")
 *         .identityFile("/home/ci/.ssh/deploy_ed25519")   // and only that key (identitiesOnly)
 *         .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
 *         .jvmOption("-Xmx256m")
 *         .via(bastion);                                   // ssh runs on the bastion
 * }</pre>
 *
 * <p>The spec is a value that travels: with {@link #via(Context)} it is sent to the context that runs {@code ssh},
 * so its components are plain codec types (no {@code Path}, no {@code Duration}), and paths are paths on that
 * context's machine. The password, if any, travels as a {@link Secret} and is handed to {@code ssh} at its prompt,
 * never on a command line.
 *
 * <p>Where an option is left unset ({@code port} 0, {@code user} {@code null}, ...) the ssh configuration of the
 * booting user decides: {@code ~/.ssh/config}, or the file named by {@link #configFile(String)}. Host aliases and
 * {@code ProxyJump} chains come from there for both clients (what the embedded one reads of it: {@link
 * SshClientKind#EMBEDDED}). {@link #environment()} is set on the remote command line ({@code env NAME=value}): values
 * appear in the process list of both machines, so keep secrets out of it.
 *
 * @param settings the settings every spec shares ({@link SettingsSpec}): via (the context that runs {@code ssh}),
 *     name, the {@code java} to run on the remote host, JVM options, connect timeout (ssh's own connect timeout is
 *     derived from it), first-stage directories (on the remote host), variables set for the remote JVM, CPU
 *     scheduling, heartbeat
 * @param host host name, address or {@code Host} alias of the ssh configuration
 * @param port TCP port, or {@link #PORT_UNSET} (0) for the configured one (usually 22)
 * @param user login name, or {@code null} for the configured one
 * @param identityFile private key file on the booting machine, or {@code null}
 * @param identitiesOnly use only the configured identity files, not every key an agent offers
 * @param knownHostsFile known-hosts file to check the host key against, or {@code null} for {@code ~/.ssh/known_hosts}
 * @param hostKeyPolicy what to do with an unknown or changed host key
 * @param password password for password or keyboard-interactive logins, or {@code null} (keys only)
 * @param sshPath the {@code ssh} program to run
 * @param extraArgs further arguments for the OpenSSH client, e.g. {@code -o ProxyJump=jump}; arguments that would break
 *     the bootstrap are refused
 * @param keepaliveIntervalSeconds seconds of silence before a keepalive probe; 0 disables keepalives
 * @param keepaliveCountMax unanswered probes after which the connection is dropped
 * @param compression compress the connection (worth it on slow links only)
 * @param client which ssh client boots the child: the system's OpenSSH (the default) or the embedded one
 * @param identityPassphrase the passphrase of an encrypted {@code identityFile}, for the embedded client only (OpenSSH
 *     reads encrypted keys through an agent); {@code null} when the key is not encrypted
 * @param configFile the ssh configuration file to read instead of {@code ~/.ssh/config} (OpenSSH's {@code -F}), on the
 *     booting machine; {@code null} for {@code ~/.ssh/config}. Both clients read its {@code Host} aliases,
 *     {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile} and {@code ProxyJump}; the spec's own options
 *     win over it
 */
public record SshSpec(
        SpecSettings settings,
        String host,
        int port,
        String user,
        String identityFile,
        boolean identitiesOnly,
        String knownHostsFile,
        HostKeyPolicy hostKeyPolicy,
        Secret password,
        String sshPath,
        List<String> extraArgs,
        int keepaliveIntervalSeconds,
        int keepaliveCountMax,
        boolean compression,
        SshClientKind client,
        Secret identityPassphrase,
        String configFile,
        String proxyJump)
        implements SettingsSpec<SshSpec> {

    /** {@link #port()} when the ssh configuration decides. */
    public static final int PORT_UNSET = 0;

    public SshSpec {
        if (settings == null) {
            throw new IllegalArgumentException("settings : null (expected: e.g. SpecSettings.defaults())");
        }
        if (host == null || host.isEmpty() || host.startsWith("-") || !host.matches("[A-Za-z0-9._:%\\[\\]-]+")) {
            String hint = host != null && host.contains("@")
                    ? "; set the user with user(...) or use Ssh.parse(\"user@host\")"
                    : "";
            throw new IllegalArgumentException("host : '" + host
                    + "' (expected: a host name, address or ssh config alias, not starting with '-'" + hint + ")");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "port : " + port + " (expected: 1-65535, or 0 to leave it to the ssh configuration)");
        }
        if (user != null && !SpecChecks.isOptionSafeWord(user)) {
            throw new IllegalArgumentException(
                    "user : '" + user + "' (expected: a login name without spaces, not starting with '-')");
        }
        requirePathOrNull("identityFile", identityFile);
        requirePathOrNull("knownHostsFile", knownHostsFile);
        requirePathOrNull("configFile", configFile);
        if (hostKeyPolicy == null) {
            throw new IllegalArgumentException("hostKeyPolicy : null (expected: ENFORCE, ACCEPT_NEW or IGNORE)");
        }
        SpecChecks.oneLinePassword(password, "ssh");
        if (sshPath == null || sshPath.isBlank()) {
            throw new IllegalArgumentException("sshPath : '" + sshPath + "' (expected: a path or command name)");
        }
        if (extraArgs == null) {
            throw new IllegalArgumentException("extraArgs : null (expected: a list, possibly empty)");
        }
        extraArgs = List.copyOf(extraArgs);
        OpenSshCommand.checkExtraArgs(extraArgs);
        if (keepaliveIntervalSeconds < 0) {
            throw new IllegalArgumentException(
                    "keepaliveInterval : " + keepaliveIntervalSeconds + " s (expected: >= 0, 0 to disable keepalives)");
        }
        if (keepaliveCountMax < 1) {
            throw new IllegalArgumentException("keepaliveCountMax : " + keepaliveCountMax + " (expected: >= 1)");
        }
        if (proxyJump != null && !isJumpList(proxyJump)) {
            throw new IllegalArgumentException("proxyJump : '" + proxyJump
                    + "' (expected: [user@]host[:port][,...], e.g. ops@bastion.example.com:2222)");
        }
        if (client == SshClientKind.EMBEDDED && !extraArgs.isEmpty()) {
            throw new IllegalArgumentException("extraArgs : " + extraArgs + " with client EMBEDDED (expected: none;"
                    + " they are arguments of the OpenSSH client: the embedded one reads ~/.ssh/config and the typed"
                    + " options of this spec)");
        }
        if (identityPassphrase != null && client == SshClientKind.OPENSSH) {
            throw new IllegalArgumentException("identityPassphrase : set, but client is " + client
                    + " (expected: client(SshClientKind.EMBEDDED); OpenSSH reads an encrypted key through ssh-agent)");
        }
    }

    /** {@code [user@]host[:port]}, comma-separated, none of them an option. */
    private static boolean isJumpList(String jumps) {
        for (String hop : jumps.split(",", -1)) {
            if (hop.isEmpty()
                    || hop.startsWith("-")
                    || !hop.matches("([A-Za-z0-9_.][A-Za-z0-9_.-]*@)?[A-Za-z0-9._:%\\[\\]][A-Za-z0-9._:%\\[\\]-]*")) {
                return false;
            }
        }
        return true;
    }

    private static void requirePathOrNull(String option, String path) {
        if (path != null && (path.isBlank() || path.indexOf('\0') >= 0 || path.indexOf('"') >= 0)) {
            throw new IllegalArgumentException(
                    option + " : '" + path + "' (expected: a file path without NUL or double quotes, or null)");
        }
    }

    @Override
    public String scheme() {
        return Ssh.SCHEME;
    }

    @Override
    public SshSpec withSettings(SpecSettings settings) {
        Copy c = new Copy(this);
        c.settings = settings;
        return c.build();
    }

    /** The destination as people write it: {@code [user@]host[:port]}. */
    public String destination() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (user != null ? user + "@" : "") + h + (port != PORT_UNSET ? ":" + port : "");
    }

    /** TCP port 1-65535, or {@link #PORT_UNSET} to leave it to the ssh configuration. */
    public SshSpec port(int port) {
        Copy c = new Copy(this);
        c.port = port;
        return c.build();
    }

    /** Login name; {@code null} leaves it to the ssh configuration (default: the booting user's name). */
    public SshSpec user(String user) {
        Copy c = new Copy(this);
        c.user = user;
        return c.build();
    }

    /**
     * Log in with this private key, and with this key only ({@link #identitiesOnly(boolean)} becomes true: an agent
     * with many keys would otherwise exhaust the server's attempts before this one is tried).
     */
    public SshSpec identityFile(String identityFile) {
        Copy c = new Copy(this);
        c.identityFile = identityFile;
        c.identitiesOnly = identityFile != null;
        return c.build();
    }

    public SshSpec identitiesOnly(boolean identitiesOnly) {
        Copy c = new Copy(this);
        c.identitiesOnly = identitiesOnly;
        return c.build();
    }

    /** Check host keys against this file (and record new ones there with {@link HostKeyPolicy#ACCEPT_NEW}). */
    public SshSpec knownHostsFile(String knownHostsFile) {
        Copy c = new Copy(this);
        c.knownHostsFile = knownHostsFile;
        return c.build();
    }

    public SshSpec hostKeyPolicy(HostKeyPolicy hostKeyPolicy) {
        Copy c = new Copy(this);
        c.hostKeyPolicy = hostKeyPolicy;
        return c.build();
    }

    /**
     * Answer the server's password prompt with {@code password} (once: a rejected password fails the boot with an
     * {@link SshAuthenticationException} rather than asking again). Keys are still tried first.
     */
    public SshSpec password(Secret password) {
        Copy c = new Copy(this);
        c.password = password;
        return c.build();
    }

    public SshSpec sshPath(String sshPath) {
        Copy c = new Copy(this);
        c.sshPath = sshPath;
        return c.build();
    }

    /** Adds arguments for the OpenSSH client, e.g. {@code extraArgs("-o", "ProxyJump=bastion")}. */
    public SshSpec extraArgs(String... args) {
        Copy c = new Copy(this);
        c.extraArgs = new ArrayList<>(extraArgs);
        c.extraArgs.addAll(Arrays.asList(args));
        return c.build();
    }

    /** Probe a silent connection every {@code intervalSeconds} (0: never) and drop it after {@code countMax} misses. */
    public SshSpec keepalive(int intervalSeconds, int countMax) {
        Copy c = new Copy(this);
        c.keepaliveIntervalSeconds = intervalSeconds;
        c.keepaliveCountMax = countMax;
        return c.build();
    }

    public SshSpec compression(boolean compression) {
        Copy c = new Copy(this);
        c.compression = compression;
        return c.build();
    }

    /**
     * Boot over this ssh client: {@link SshClientKind#OPENSSH} (a process per host) or {@link SshClientKind#EMBEDDED}
     * (Apache MINA SSHD in the master, no process; not through a {@code via} context); {@code null} (the default)
     * leaves it to the router ({@link Ssh#DEFAULT_CLIENT}, OpenSSH unless set; OpenSSH below another context).
     */
    public SshSpec client(SshClientKind client) {
        Copy c = new Copy(this);
        c.client = client;
        return c.build();
    }

    /**
     * The passphrase of an encrypted {@link #identityFile(String)}, for the {@link SshClientKind#EMBEDDED} client
     * (set the client first). Held as a {@link Secret}: never logged, never on a command line.
     */
    public SshSpec identityPassphrase(Secret passphrase) {
        Copy c = new Copy(this);
        c.identityPassphrase = passphrase;
        return c.build();
    }

    /**
     * Read the ssh configuration (Host aliases, HostName, User, Port, IdentityFile, ProxyJump) from this file instead
     * of {@code ~/.ssh/config}: OpenSSH gets {@code -F configFile}, the embedded client resolves hosts and jump hosts
     * from it. {@code null} returns to {@code ~/.ssh/config}. A path on the machine that runs the ssh client (the
     * {@code via} context's, for OpenSSH below the master).
     *
     * <pre>{@code
     * # /etc/econtext/ssh_config
     * Host app1
     *     HostName 10.0.3.17
     *     User deploy
     *     ProxyJump ops@bastion.example.com
     * }</pre>
     */
    public SshSpec configFile(String configFile) {
        Copy c = new Copy(this);
        c.configFile = configFile;
        return c.build();
    }

    /**
     * Reach the host through these jump hosts, {@code [user@]host[:port][,...]}, in order (OpenSSH's {@code -J}; the
     * embedded client opens {@code direct-tcpip} channels through them, so nothing runs on a jump host). They log in
     * with this spec's keys and are checked against its known_hosts and host key policy. {@code null}: the ssh
     * configuration's {@code ProxyJump}, if any.
     */
    public SshSpec proxyJump(String proxyJump) {
        Copy c = new Copy(this);
        c.proxyJump = proxyJump;
        return c.build();
    }

    /** The components of a spec, to change one or two and build a new spec (validated as always). */
    private static final class Copy {
        SpecSettings settings;
        String host;
        int port;
        String user;
        String identityFile;
        boolean identitiesOnly;
        String knownHostsFile;
        HostKeyPolicy hostKeyPolicy;
        Secret password;
        String sshPath;
        List<String> extraArgs;
        int keepaliveIntervalSeconds;
        int keepaliveCountMax;
        boolean compression;
        SshClientKind client;
        Secret identityPassphrase;
        String configFile;
        String proxyJump;

        Copy(SshSpec s) {
            settings = s.settings;
            host = s.host;
            port = s.port;
            user = s.user;
            identityFile = s.identityFile;
            identitiesOnly = s.identitiesOnly;
            knownHostsFile = s.knownHostsFile;
            hostKeyPolicy = s.hostKeyPolicy;
            password = s.password;
            sshPath = s.sshPath;
            extraArgs = s.extraArgs;
            keepaliveIntervalSeconds = s.keepaliveIntervalSeconds;
            keepaliveCountMax = s.keepaliveCountMax;
            compression = s.compression;
            client = s.client;
            identityPassphrase = s.identityPassphrase;
            configFile = s.configFile;
            proxyJump = s.proxyJump;
        }

        SshSpec build() {
            return new SshSpec(
                    settings,
                    host,
                    port,
                    user,
                    identityFile,
                    identitiesOnly,
                    knownHostsFile,
                    hostKeyPolicy,
                    password,
                    sshPath,
                    extraArgs,
                    keepaliveIntervalSeconds,
                    keepaliveCountMax,
                    compression,
                    client,
                    identityPassphrase,
                    configFile,
                    proxyJump);
        }
    }
}
