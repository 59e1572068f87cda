package io.econtext.transport.ssh;

/**
 * What to do with the server's host key: how much an ssh transport trusts the machine it connects to.
 *
 * <pre>{@code
 * router.connect(Ssh.to("new-vm.example.com").hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW));
 * }</pre>
 */
public enum HostKeyPolicy {
    /**
     * The default: the host key must already be known ({@code known_hosts}); an unknown or changed key fails the boot
     * with an {@link SshHostKeyException} naming the key's fingerprint.
     */
    ENFORCE,
    /**
     * Trust on first use: an unknown host's key is added to {@code known_hosts} and accepted; a changed key still
     * fails the boot.
     */
    ACCEPT_NEW,
    /**
     * No host key checking at all, and nothing recorded: anyone who can intercept the connection can impersonate the
     * host. Only for throwaway test machines whose keys change on every start.
     */
    IGNORE
}
