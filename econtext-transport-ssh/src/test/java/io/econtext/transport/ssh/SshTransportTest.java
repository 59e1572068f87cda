package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.JavaNotFoundException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Booting over a real OpenSSH sshd on loopback, through {@link Econtext#newRouter()} (plugin discovery). */
@Timeout(60)
class SshTransportTest {
    private static SshdFixture sshd;
    private static TestUser user;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestssh1");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void bootsAndCallsAsTheTestUser() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(SshTestSpecs.as(sshd, user).name("ssh-boot"));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            assertThat(c.call(() -> System.getProperty("user.home")))
                    .isEqualTo(user.home().toString());
            assertThat(c.info().user()).isEqualTo(user.name());
            assertThat(c.call(() -> 6 * 7)).isEqualTo(42);
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        Path wrongKey = tmp.resolve("wrong_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor()).isZero();

        try (Router router = Econtext.newRouter()) {
            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, user).identityFile(wrongKey.toString())));

            assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
            assertThat(e.getMessage()).startsWith(user.name() + "@127.0.0.1 accepted none of the keys offered");
            assertThat(e.getMessage()).contains(wrongKey.toString());
            assertThat(e.outputTail()).contains("Permission denied (publickey)");
            assertThat(e.exitStatus()).isEqualTo(255);
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws Exception {
        Path empty = Files.createFile(tmp.resolve("known_hosts"));

        try (Router router = Econtext.newRouter()) {
            SshHostKeyException e = catchThrowableOfType(
                    SshHostKeyException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, user).knownHostsFile(empty.toString())));

            assertThat(e.changed()).isFalse();
            assertThat(e.fingerprint()).isEqualTo(sshd.hostKeyFingerprint());
            assertThat(e.getMessage())
                    .contains("ssh-ed25519 " + sshd.hostKeyFingerprint())
                    .contains("is not known, and hostKeyPolicy is ENFORCE");
        }
        assertThat(Files.size(empty)).as("nothing was added with ENFORCE").isZero();
    }

    @Test
    void acceptNewTrustsOnFirstUseAndRefusesAChangedKey() throws Exception {
        Path knownHosts = Files.createFile(tmp.resolve("known_hosts"));
        try (SshdFixture own = SshdFixture.start();
                Router router = Econtext.newRouter()) {
            TestUser u = own.user("ectestssh1");
            SshSpec spec = SshTestSpecs.as(own, u)
                    .knownHostsFile(knownHosts.toString())
                    .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW);

            Context first = router.connect(spec);
            assertThat(first.call(() -> System.getProperty("user.name"))).isEqualTo(u.name());
            assertThat(Files.readString(knownHosts)).as("the key was recorded").contains("ssh-ed25519 ");

            own.rotateHostKey();
            SshHostKeyException e = catchThrowableOfType(SshHostKeyException.class, () -> router.connect(spec));

            assertThat(e.changed()).isTrue();
            assertThat(e.fingerprint()).isEqualTo(own.hostKeyFingerprint());
            assertThat(e.getMessage())
                    .startsWith("the host key of [127.0.0.1]:" + own.port() + " has CHANGED (it now presents ED25519"
                            + " key " + own.hostKeyFingerprint() + ")");
            assertThat(first.call(() -> "still up"))
                    .as("the open session is not affected")
                    .isEqualTo("still up");
        }
    }

    @Test
    void aMissingRemoteJavaIsReportedAsSuch() {
        try (Router router = Econtext.newRouter()) {
            JavaNotFoundException e = catchThrowableOfType(
                    JavaNotFoundException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, user).javaPath("/nonexistent/java")));

            assertThat(e.getMessage()).contains("'/nonexistent/java' was not found");
            assertThat(e.outputTail()).contains("/nonexistent/java: not found");
        }
    }

    @Test
    void ignoreConnectsWithoutAnyKnownHostsFile() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(SshTestSpecs.as(sshd, user)
                    .knownHostsFile(null)
                    .hostKeyPolicy(HostKeyPolicy.IGNORE)
                    .compression(true)
                    .keepalive(5, 2)
                    .connectTimeout(Duration.ofSeconds(10)));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
        }
    }

    @Test
    void environmentReachesTheRemoteJvm() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(
                    SshTestSpecs.as(sshd, user).environment(java.util.Map.of("ECONTEXT_TEST_VALUE", "a 'b' $c")));

            assertThat(c.call(() -> System.getenv("ECONTEXT_TEST_VALUE"))).isEqualTo("a 'b' $c");
        }
    }
}
