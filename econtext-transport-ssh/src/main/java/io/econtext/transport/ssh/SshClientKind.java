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
     * SshClientUnavailableException} (children stay JDK-only; use {@link #OPENSSH} for hops below the master). Ignores
     * {@link SshSpec#sshPath()} and {@link SshSpec#extraArgs()}, which are OpenSSH's.
     *
     * <p>What it reads of {@code ~/.ssh/config} (or of {@link SshSpec#configFile(String)}, chosen per connect):
     * {@code Host} aliases and patterns, {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile},
     * {@code IdentitiesOnly} and {@code ProxyJump} (chains, and jump hosts with a {@code ProxyJump} of their own); the
     * spec's typed options win over the file. Other keywords ({@code ProxyCommand}, {@code Match},
     * {@code HostKeyAlias}, {@code ControlMaster}, ...) are not applied. Host keys are checked against the spec's
     * known_hosts file as OpenSSH does (hashed entries, {@code [host]:port}).
     *
     * <p>{@code ProxyJump}: the client logs in to each jump host itself and reaches the next hop through a
     * {@code direct-tcpip} channel, so nothing runs on a jump host (no shell, no {@code java}). Jump hosts are logged in
     * to with the spec's keys (its identity file or the default ones, the agent, and the IdentityFile of the jump
     * host's own entry), never with the spec's password; their host keys are checked under their own names against the
     * spec's known_hosts with the spec's policy. A failure at a jump host (refused, host key, no key accepted) is the
     * same typed exception as at the host, and its message names the jump host.
     */
    EMBEDDED
}
