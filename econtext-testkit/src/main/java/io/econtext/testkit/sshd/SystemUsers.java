package io.econtext.testkit.sshd;

import java.io.IOException;

/**
 * The sshd fixtures' system test users, for other fixtures that need the same users without an sshd (the sudo
 * fixture): a user made here is the same user, with the same key, that {@link SshdFixture#user(String)} returns.
 *
 * <pre>{@code
 * TestUser bob = SystemUsers.user("ectestbob");
 * // runuser -u bob.name() -- sudo -n id -un
 * }</pre>
 *
 * <p>Needs root. The methods are thread-safe and safe against other JVMs setting up the same user at the same time.
 */
public final class SystemUsers {
    private SystemUsers() {}

    /** Same as {@link SshdFixture#user(String)}: creates the user once per machine, and a key pair once per JVM. */
    public static TestUser user(String name) throws IOException {
        return TestUsers.user(name, null);
    }

    /** Same as {@link #user(String)}, and sets the user's password (through chpasswd's stdin, never argv). */
    public static TestUser userWithPassword(String name, char[] password) throws IOException {
        TestUser user = TestUsers.user(name, null);
        TestUsers.setPassword(name, password);
        return user;
    }
}
