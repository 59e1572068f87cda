package io.econtext.testkit.sshd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real sshd on loopback, driven with the system ssh client as the ssh transport will drive it. */
@Timeout(60)
class SshdFixtureTest {
    private static final String USER = "ectestkit";
    private static final String PASSWORD_USER = "ectestkitpw";

    @Test
    void keyLoginRunsAsTheTestUserWithJavaOnPath() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.user(USER);

            ProcessRunner.Result r = SshClient.runWithKey(sshd, user, "id -un; command -v java");

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().lines()).hasSize(2).first().isEqualTo(USER);
            assertThat(r.stdout().lines().skip(1).findFirst().orElseThrow()).endsWith("/java");
        }
    }

    @Test
    void knownHostsEntryHasTheHostKeyFingerprint() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            String line = Files.readString(sshd.knownHostsFile()).strip();
            ProcessRunner.Result listed = ProcessRunner.of("ssh-keygen", "-lf", "" + sshd.knownHostsFile())
                    .runChecked();

            assertThat(line)
                    .startsWith("[127.0.0.1]:" + sshd.port() + " ssh-ed25519 ")
                    .isEqualTo(sshd.knownHostsLine());
            assertThat(sshd.hostKeyFingerprint()).startsWith("SHA256:");
            assertThat(listed.stdout()).contains(" " + sshd.hostKeyFingerprint() + " ");
            assertThat(Files.getPosixFilePermissions(sshd.knownHostsFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void rotatedHostKeyFailsStrictHostKeyChecking() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.user(USER);
            String before = sshd.hostKeyFingerprint();
            int port = sshd.port();

            sshd.rotateHostKey();
            ProcessRunner.Result r = SshClient.runWithKey(sshd, user, "true");

            assertThat(sshd.port()).isEqualTo(port);
            assertThat(sshd.hostKeyFingerprint()).isNotEqualTo(before);
            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr())
                    .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                    .contains(sshd.hostKeyFingerprint());
        }
    }

    @Test
    void passwordLoginSucceedsWithTheRightPassword() throws IOException {
        char[] password = "Correct-horse-42".toCharArray();
        try (SshdFixture sshd = SshdFixture.startWithPasswords()) {
            sshd.userWithPassword(PASSWORD_USER, password.clone());

            ProcessRunner.Result r = SshClient.runWithPassword(sshd, PASSWORD_USER, password, "id -un");

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().strip()).isEqualTo(PASSWORD_USER);
        }
    }

    @Test
    void passwordLoginFailsWithAWrongPassword() throws IOException {
        try (SshdFixture sshd = SshdFixture.startWithPasswords()) {
            sshd.userWithPassword(PASSWORD_USER, "Correct-horse-42".toCharArray());

            ProcessRunner.Result r =
                    SshClient.runWithPassword(sshd, PASSWORD_USER, "wrong-horse".toCharArray(), "id -un");

            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr()).contains("Permission denied");
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Test
    void publicKeyOnlyServerRefusesPasswords() throws IOException {
        char[] password = "Correct-horse-42".toCharArray();
        try (SshdFixture sshd = SshdFixture.start()) {
            sshd.userWithPassword(PASSWORD_USER, password.clone());

            ProcessRunner.Result r = SshClient.runWithPassword(sshd, PASSWORD_USER, password, "id -un");

            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr()).contains("Permission denied (publickey)");
        }
    }

    @Test
    void closeStopsSshdAndDeletesItsDirectory() throws IOException {
        SshdFixture sshd = SshdFixture.start();
        long pid = sshd.pid();
        Path dir = sshd.knownHostsFile().getParent();
        assertThat(ProcessHandle.of(pid)).isPresent();

        sshd.close();
        sshd.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void killSessionsOfEndsTheUsersSessions() throws Exception {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.user(USER);
            Process ssh = new ProcessBuilder(SshClient.keyLogin(sshd, user, "cat"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start(); // stdin stays open: the session lives until killed
            try {
                List<Long> sessionPids = awaitSessions(sshd, USER, Duration.ofSeconds(10));

                sshd.killSessionsOf(USER);

                assertThat(ssh.waitFor(5, TimeUnit.SECONDS)).isTrue();
                assertThat(ssh.exitValue()).isEqualTo(255);
                assertThat(sshd.sessionPidsOf(USER)).isEmpty();
                // a killed child that its monitor did not reap before exiting is a zombie until PID 1 reaps it
                assertThat(sessionPids)
                        .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(SshdDaemon::isRunning))
                                .isEmpty());
            } finally {
                ssh.destroyForcibly();
            }
        }
    }

    @Test
    void userIsSetUpOncePerJvmWithPrivateKeyFiles() throws IOException {
        try (SshdFixture first = SshdFixture.start();
                SshdFixture second = SshdFixture.start()) {
            TestUser user = first.user(USER);

            assertThat(second.user(USER)).isEqualTo(user);
            assertThat(user.privateKey()).startsWith(user.home().resolve(".ssh"));
            assertThat(Files.getOwner(user.privateKey()).getName()).isEqualTo(USER);
            assertThat(Files.getPosixFilePermissions(user.privateKey()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(user.home().resolve(".ssh")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Path authorizedKeys = user.home().resolve(".ssh/authorized_keys");
            assertThat(Files.getOwner(authorizedKeys).getName()).isEqualTo(USER);
            assertThat(Files.getPosixFilePermissions(authorizedKeys))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String publicKey = Files.readString(user.publicKey()).strip();
            assertThat(Files.readAllLines(authorizedKeys))
                    .filteredOn(l -> l.endsWith(publicKey))
                    .hasSize(1);
            assertThat(SshClient.runWithKey(second, user, "true").exitCode()).isZero();
        }
    }

    @Test
    void userWithPathGetsThatPathInItsSessions() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.userWithPath("ectestkitnojava", "/usr/sbin:/sbin");

            ProcessRunner.Result r =
                    SshClient.runWithKey(sshd, user, "echo \"$PATH\"; command -v java || echo no java");

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().lines()).containsExactly("/usr/sbin:/sbin", "no java");
            assertThatThrownBy(() -> sshd.user("ectestkitnojava"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use another name");
        }
    }

    @Test
    void sessionOfOneUserLogsInAsAnotherWithACopiedKey() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser first = sshd.user(USER);
            TestUser second = sshd.user("ectestkithop");
            Path copy = sshd.copyPrivateKey(second, first);
            List<String> hop = SshClient.keyLogin(sshd, new TestUser(second.name(), copy, second.home()), "id -un");
            String secondHop = String.join(" ", hop.subList(0, hop.size() - 1)) + " 'id -un'";

            ProcessRunner.Result r = SshClient.runWithKey(sshd, first, "id -un; " + secondHop);

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().lines()).containsExactly(USER, "ectestkithop");
            assertThat(Files.getOwner(copy).getName()).isEqualTo(USER);
        }
    }

    @Test
    void rejectsUserNamesWithoutThePrefix() throws IOException {
        try (SshdFixture sshd = SshdFixture.start()) {
            assertThatThrownBy(() -> sshd.user("root"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name : root (expected: \"ectest\" then up to 26 of [a-z0-9_-], e.g. \"ectestalice\")");
        }
    }

    private static List<Long> awaitSessions(SshdFixture sshd, String user, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> pids = sshd.sessionPidsOf(user);
        while (pids.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pids = sshd.sessionPidsOf(user);
        }
        assertThat(pids).as("sshd processes serving " + user).isNotEmpty();
        return pids;
    }
}
