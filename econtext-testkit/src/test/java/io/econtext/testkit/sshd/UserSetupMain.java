package io.econtext.testkit.sshd;

import java.io.IOException;

/**
 * Sets up one test user in a JVM of its own, prints {@code KEY <private key path>}, and keeps the key until its stdin
 * closes: the other JVM of {@link TestUsersTest}.
 */
public final class UserSetupMain {
    private UserSetupMain() {}

    public static void main(String[] args) throws IOException {
        TestUser user = TestUsers.user(args[0], null);
        System.out.println("KEY " + user.privateKey());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the key until the test lets go
        }
    }
}
