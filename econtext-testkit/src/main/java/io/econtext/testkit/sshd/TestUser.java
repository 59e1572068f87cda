package io.econtext.testkit.sshd;

import java.nio.file.Path;

/**
 * A local system user that the sshd fixtures accept, with a key pair that this JVM made for it.
 *
 * <pre>{@code
 * TestUser alice = sshd.user("ectestalice");
 * // ssh -i alice.privateKey() -p sshd.port() alice.name()@127.0.0.1 ...
 * }</pre>
 *
 * @param name the login name; always starts with {@code ectest}
 * @param privateKey this JVM's ed25519 private key for the user, without a passphrase: a file under {@code
 *     home/.ssh}, owned by the user, mode 600, so that both the test (root) and a context running as the user can
 *     read it. Deleted when the JVM exits.
 * @param home the user's home directory
 */
public record TestUser(String name, Path privateKey, Path home) {
    /** The public half of {@link #privateKey()}, as ssh-keygen wrote it beside the private key. */
    public Path publicKey() {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }
}
