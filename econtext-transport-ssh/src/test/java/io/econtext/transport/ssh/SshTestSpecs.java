package io.econtext.transport.ssh;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;

/**
 * Specs that log in to a fixture's sshd as a test user. Published in this module's test jar for the tests of what is
 * built on ssh (the sudo transport, fakessh).
 */
public final class SshTestSpecs {
    private SshTestSpecs() {}

    /** {@code user} at {@code sshd}, with the user's key and the fixture's known_hosts (readable by every user). */
    public static SshSpec as(SshdFixture sshd, TestUser user) {
        return Ssh.to(sshd.host())
                .port(sshd.port())
                .user(user.name())
                .identityFile(user.privateKey().toString())
                .knownHostsFile(sshd.knownHostsFile().toString());
    }
}
