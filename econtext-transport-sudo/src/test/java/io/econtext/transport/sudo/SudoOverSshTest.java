package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.testkit.sudo.SudoFixture;
import io.econtext.transport.ssh.SshTestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sudo behind ssh, against the real sshd and sudo of this machine: ssh → sudo, and the 4-hop chain
 * {@code ssh → sudo → ssh → sudo} where the last sudo asks for a password through every hop.
 */
@Timeout(90)
class SudoOverSshTest {
    private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static SshdFixture sshd;
    private static SudoFixture sudo;
    private static TestUser login;
    private static TestUser becomes;
    private static TestUser secondLogin;
    private static TestUser last;

    @BeforeAll
    static void setUp() throws Exception {
        sshd = SshdFixture.start();
        sudo = SudoFixture.start();
        login = sshd.user("ectestsshsudo1");
        becomes = sshd.user("ectestsshsudo2");
        secondLogin = sshd.userWithPassword("ectestsshsudo3", PASSWORD.toCharArray());
        last = sshd.user("ectestsshsudo4");
        sudo.allow(
                login.name() + " ALL=(" + becomes.name() + ") NOPASSWD: ALL",
                "Defaults:" + secondLogin.name() + " timestamp_timeout=0",
                secondLogin.name() + " ALL=(" + last.name() + ") ALL");
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void sudoRunsOnTheSshHostAsTheTargetUser() {
        try (Router router = Econtext.newRouter()) {
            Context app = router.connect(SshTestSpecs.as(sshd, login).name("app"));
            Context deploy = router.connect(Sudo.user(becomes.name())
                    .javaPath(SudoTransportTest.JAVA)
                    .name("deploy")
                    .via(app));
            assertThat(deploy.call(() -> System.getProperty("user.name"))).isEqualTo(becomes.name());
            assertThat(deploy.info().user()).isEqualTo(becomes.name());
            assertThat(app.call(() -> System.getProperty("user.name"))).isEqualTo(login.name());
        }
    }

    @Test
    void aFourHopChainOfSshSudoSshSudoAnswersAtEveryHop() throws Exception {
        Path key = sshd.copyPrivateKey(secondLogin, becomes);
        try (Router router = Econtext.newRouter()) {
            Context hop1 = router.connect(SshTestSpecs.as(sshd, login).name("hop1"));
            Context hop2 = router.connect(Sudo.user(becomes.name())
                    .javaPath(SudoTransportTest.JAVA)
                    .name("hop2")
                    .via(hop1));
            Context hop3 = router.connect(SshTestSpecs.as(sshd, secondLogin)
                    .identityFile(key.toString())
                    .name("hop3")
                    .via(hop2));
            Context hop4 = router.connect(Sudo.user(last.name())
                    .javaPath(SudoTransportTest.JAVA)
                    .password(Secret.of(PASSWORD.toCharArray()))
                    .name("hop4")
                    .via(hop3));

            assertThat(hop1.call(() -> System.getProperty("user.name"))).isEqualTo(login.name());
            assertThat(hop2.call(() -> System.getProperty("user.name"))).isEqualTo(becomes.name());
            assertThat(hop3.call(() -> System.getProperty("user.name"))).isEqualTo(secondLogin.name());
            assertThat(hop4.call(() -> System.getProperty("user.name"))).isEqualTo(last.name());
            String owner = hop4.call(() -> {
                Path f = Files.createTempFile(Path.of("/tmp"), "econtext-4hop-", ".txt");
                try {
                    return Files.getOwner(f).getName();
                } finally {
                    Files.delete(f);
                }
            });
            assertThat(owner).isEqualTo(last.name());
        }
    }
}
