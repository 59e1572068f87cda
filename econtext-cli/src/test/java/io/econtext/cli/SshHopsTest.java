package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI's {@code ssh:} hops against a real sshd on loopback. */
@Timeout(60)
class SshHopsTest {
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestcli");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static String[] sshArgs(String command, String... rest) {
        String[] head = {
            command,
            "--via",
            "ssh:" + user.name() + "@" + sshd.host() + ":" + sshd.port(),
            "--identity",
            user.privateKey().toString(),
            "--known-hosts",
            sshd.knownHostsFile().toString()
        };
        String[] all = new String[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    @Test
    void pingsAnSshHopAsTheTestUser() {
        MainRunner.Result r = MainRunner.run(sshArgs("ping"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(user.name() + "@");
    }

    @Test
    void pingsAnSshHopOverTheEmbeddedClient() {
        MainRunner.Result r = MainRunner.run(sshArgs("ping", "--ssh-client", "embedded"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(user.name() + "@");
    }

    @Test
    void anUnknownSshClientOrAnSshOptionForTheEmbeddedOneIsAUsageError() {
        MainRunner.Result unknown = MainRunner.run(sshArgs("ping", "--ssh-client", "putty"));
        MainRunner.Result option =
                MainRunner.run(sshArgs("ping", "--ssh-client", "embedded", "--ssh-option", "ProxyJump=bastion"));

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--ssh-client: 'putty' (expected: openssh or embedded)");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("do not apply to --ssh-client embedded");
    }

    @Test
    void execRunsInTheSshHopAndReturnsItsExitCode() {
        MainRunner.Result r = MainRunner.run(sshArgs("exec", "--", "sh", "-c", "id -un; exit 5"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
        assertThat(r.out()).contains(user.name());
    }

    @Test
    void anSshOptionThatWouldBreakTheBootIsAUsageError() {
        MainRunner.Result r = MainRunner.run(sshArgs("ping", "--ssh-option", "RequestTTY=yes"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("--ssh-option RequestTTY=yes: refused: RequestTTY asks for a terminal, which would mangle the"
                        + " binary protocol");
    }

    @Test
    void anSshOptionThatATypedOptionSetsNamesTheCliOption() {
        MainRunner.Result identities = MainRunner.run(sshArgs("ping", "--ssh-option", "IdentitiesOnly=yes"));
        MainRunner.Result port = MainRunner.run(sshArgs("ping", "--ssh-option", "Port=2222"));
        MainRunner.Result policy = MainRunner.run(sshArgs("ping", "--ssh-option", "StrictHostKeyChecking=no"));

        assertThat(identities.exitCode()).isEqualTo(2);
        assertThat(identities.err())
                .contains("--ssh-option IdentitiesOnly=yes: refused: IdentitiesOnly is set by --identity")
                .doesNotContain("identitiesOnly(boolean)");
        assertThat(port.err()).contains("Port is set by the hop: --via ssh:[user@]host:PORT");
        assertThat(policy.err()).contains("StrictHostKeyChecking is set by --host-key-policy");
    }

    @Test
    void anUnknownHostKeyIsAnErrorNamingTheFingerprint() {
        MainRunner.Result r = MainRunner.run(
                "ping",
                "--via",
                "ssh:" + user.name() + "@" + sshd.host() + ":" + sshd.port(),
                "--identity",
                user.privateKey().toString(),
                "--known-hosts",
                "/dev/null");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(sshd.hostKeyFingerprint()).doesNotContain("\tat ");
    }
}
