package io.econtext.transport.ssh;

/**
 * Which ssh client a boot runs on: the system's OpenSSH client (a process per host) or the embedded one (Apache MINA
 * SSHD in the master's JVM, no process).
 *
 * <pre>{@code
 * router.connect(Ssh.to("app1").user("deploy").identityFile(key).client(SshClientKind.EMBEDDED));
 * }</pre>
 */
public enum SshClientKind {
    /**
     * The default: runs the system's {@code ssh}, so {@code ~/.ssh/config}, agents, {@code ProxyJump} and
     * {@code ControlMaster} work exactly as for the user's own ssh. Costs one {@code ssh} process per host.
     */
    OPENSSH,
    /**
     * Apache MINA SSHD's client inside the master: no {@code ssh} process, one client shared by every host of the
     * router. Runs only in the master: a spec with {@link SshSpec#via} a context fails at connect with {@link
     * SshClientUnavailableException} (children stay JDK-only; use {@link #OPENSSH} for hops below the master). Reads
     * {@code ~/.ssh/config} (Host aliases, HostName, User, Port, IdentityFile) and known_hosts as OpenSSH does;
     * ignores {@link SshSpec#sshPath()} and {@link SshSpec#extraArgs()}, which are OpenSSH's.
     */
    EMBEDDED
}
