package io.econtext.testkit.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.testkit.sshd.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The machine's real sudo, with the fixture's rules, driven as a test user the way the sudo transport drives it. */
@Timeout(120)
class SudoFixtureTest {
    private static final String USER = "ectestsudofix";
    private static final String PASSWORD_USER = "ectestsudofixpw";
    private static final String NOPASSWD_RULE = USER + " ALL=(ALL) NOPASSWD: ALL";

    @Test
    void nopasswdRuleLetsTheUserRunCommandsAsRootUntilClose() throws IOException {
        Path file;
        try (SudoFixture sudo = SudoFixture.start()) {
            sudo.user(USER);
            assertThat(sudoIdAs(USER).stdout()).as("before allow").doesNotContain("root");

            sudo.allow(NOPASSWD_RULE);

            ProcessRunner.Result r = sudoIdAs(USER);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().strip()).isEqualTo("root");
            file = sudo.sudoersFile();
            assertThat(file.getParent()).isEqualTo(Path.of("/etc/sudoers.d"));
            assertThat(file.getFileName().toString())
                    .matches("econtext-testkit-" + ProcessHandle.current().pid() + "-[0-9a-f]+");
            assertThat(Files.readAllLines(file)).endsWith(NOPASSWD_RULE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("r--r-----");
            assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(0);
        }

        ProcessRunner.Result after = sudoIdAs(USER);
        assertThat(file).doesNotExist();
        assertThat(after.exitCode()).as(after.describe()).isNotZero();
        assertThat(after.stdout()).doesNotContain("root");
    }

    @Test
    void passwordRuleAcceptsTheRightPasswordOnly() throws IOException {
        try (SudoFixture sudo = SudoFixture.start()) {
            sudo.userWithPassword(PASSWORD_USER, "s3cret".toCharArray());
            sudo.allow("Defaults:" + PASSWORD_USER + " timestamp_timeout=0", PASSWORD_USER + " ALL=(ALL) ALL");

            ProcessRunner.Result right = sudoIdWithPassword(PASSWORD_USER, "s3cret");
            ProcessRunner.Result wrong = sudoIdWithPassword(PASSWORD_USER, "wrong");

            assertThat(right.exitCode()).as(right.describe()).isZero();
            assertThat(right.stdout().strip()).isEqualTo("root");
            assertThat(wrong.exitCode()).as(wrong.describe()).isNotZero();
            assertThat(wrong.stdout()).doesNotContain("root");
            assertThat(wrong.stderr()).contains("incorrect password");
        }
    }

    @Test
    void lineThatVisudoRejectsIsNamedAndLeavesNoFile() throws IOException {
        try (SudoFixture sudo = SudoFixture.start()) {
            assertThatThrownBy(() -> sudo.allow("this is not sudoers"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("visudo rejects sudoers line \"this is not sudoers\": ")
                    .hasMessageContaining("syntax error");

            assertThat(sudo.sudoersFile()).doesNotExist();
            assertThat(filesNamedLike(sudo.sudoersFile())).isEmpty();
        }
    }

    @Test
    void rejectedLinesLeaveTheEarlierRulesInPlace() throws IOException {
        try (SudoFixture sudo = SudoFixture.start()) {
            sudo.user(USER);
            sudo.allow(NOPASSWD_RULE);
            List<String> before = Files.readAllLines(sudo.sudoersFile());

            assertThatThrownBy(() -> sudo.allow("Defaults:" + USER + " timestamp_timeout=0", "not sudoers either"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("visudo rejects sudoers line \"not sudoers either\": ");

            assertThat(Files.readAllLines(sudo.sudoersFile())).isEqualTo(before);
            assertThat(filesNamedLike(sudo.sudoersFile())).containsExactly(sudo.sudoersFile());
            assertThat(sudoIdAs(USER).stdout().strip()).isEqualTo("root");
        }
    }

    @Test
    void rejectsLinesWithALineBreakBeforeWritingAnything() throws IOException {
        try (SudoFixture sudo = SudoFixture.start()) {
            assertThatThrownBy(() -> sudo.allow(USER + " ALL=(ALL) ALL\n" + NOPASSWD_RULE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("line : \"" + USER + " ALL=(ALL) ALL\\n" + NOPASSWD_RULE
                            + "\" (expected: one sudoers line: no line break or NUL, no trailing backslash)");

            assertThat(filesNamedLike(sudo.sudoersFile())).isEmpty();
        }
    }

    @Test
    void linesThatClashWithAnotherFixturesFileAreTakenBack() throws IOException {
        String alias = "User_Alias ECTEST_SUDOFIX_CLASH = " + USER;
        try (SudoFixture first = SudoFixture.start();
                SudoFixture second = SudoFixture.start()) {
            first.allow(alias);
            second.allow("Defaults:" + USER + " timestamp_timeout=0");

            assertThatThrownBy(() -> second.allow(alias))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("visudo rejects the sudo configuration with sudoers line \"" + alias
                            + "\" added to " + second.sudoersFile())
                    .hasMessageContaining("already defined");

            assertThat(Files.readAllLines(second.sudoersFile())).doesNotContain(alias);
            assertThat(Files.readAllLines(first.sudoersFile())).contains(alias);
            assertThat(ProcessRunner.of("/usr/sbin/visudo", "-c", "-q").run().exitCode())
                    .isZero();
        }
    }

    @Test
    void startSweepsFilesOfDeadJvmsAndKeepsThoseOfLiveOnes() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Assumptions.assumeTrue(ProcessHandle.of(gone.pid()).isEmpty(), "pid " + gone.pid() + " was reused");
        Path stale = writeSudoersFile("econtext-testkit-" + gone.pid() + "-5ca1ab1e");
        Path staleTemp = writeSudoersFile("econtext-testkit-" + gone.pid() + "-5ca1ab1e.tmp");
        Path live =
                writeSudoersFile("econtext-testkit-" + ProcessHandle.current().pid() + "-a11e");
        try (SudoFixture sudo = SudoFixture.start()) {
            assertThat(stale).doesNotExist();
            assertThat(staleTemp).doesNotExist();
            assertThat(live).exists();
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(staleTemp);
            Files.deleteIfExists(live);
        }
    }

    @Test
    void fileOfAFixtureNotClosedIsDeletedWhenTheJvmExits() throws Exception {
        Process jvm = startForgetfulJvm();
        try {
            Path file = readFile(jvm);
            assertThat(file).exists();

            jvm.getOutputStream().close();
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(jvm.exitValue()).isZero();
            assertThat(file).doesNotExist();
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void fileOfAKilledJvmIsSweptByTheNextStart() throws Exception {
        Process jvm = startForgetfulJvm();
        try {
            Path file = readFile(jvm);
            jvm.destroyForcibly().waitFor();
            assertThat(file).as("left by SIGKILL").exists();

            try (SudoFixture sudo = SudoFixture.start()) {
                assertThat(file).doesNotExist();
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void sudoersReadsTheDropInsWithEitherSpellingButNotWhenCommentedOut(@TempDir Path dir) throws IOException {
        Path at = Files.writeString(dir.resolve("at"), "root ALL=(ALL) ALL\n@includedir /etc/sudoers.d\n");
        Path hash = Files.writeString(dir.resolve("hash"), "#includedir /etc/sudoers.d/\n");
        Path comment = Files.writeString(dir.resolve("comment"), "# includedir /etc/sudoers.d\n");
        Path other = Files.writeString(dir.resolve("other"), "@includedir /etc/sudoers.d.local\n");

        assertThat(SudoersDropIn.includesDropIns(at)).isTrue();
        assertThat(SudoersDropIn.includesDropIns(hash)).isTrue();
        assertThat(SudoersDropIn.includesDropIns(comment)).isFalse();
        assertThat(SudoersDropIn.includesDropIns(other)).isFalse();
    }

    /** {@code runuser -u USER -- sudo -n -u root id -un}: prints root when a NOPASSWD rule lets the user. */
    private static ProcessRunner.Result sudoIdAs(String user) throws IOException {
        return ProcessRunner.of("runuser", "-u", user, "--", "sudo", "-n", "-u", "root", "id", "-un")
                .run();
    }

    private static ProcessRunner.Result sudoIdWithPassword(String user, String password) throws IOException {
        return ProcessRunner.of("runuser", "-u", user, "--", "sudo", "-S", "-p", "", "-u", "root", "id", "-un")
                .stdin((password + "\n").getBytes(StandardCharsets.UTF_8))
                .run();
    }

    /** The file and its temp file, if they exist. */
    private static List<Path> filesNamedLike(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("" + file.getFileName()))
                    .collect(Collectors.toList());
        }
    }

    /** A valid sudoers file that grants nothing, as a fixture of another JVM would have left it. */
    private static Path writeSudoersFile(String name) throws IOException {
        Path file = Files.writeString(Path.of("/etc/sudoers.d", name), "# left by " + name + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        return file;
    }

    private static Process startForgetfulJvm() throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ForgetfulJvm.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static Path readFile(Process jvm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        String l;
                        while ((l = out.readLine()) != null && !l.startsWith("FILE ")) {
                            // skip anything else the JVM prints
                        }
                        return l;
                    } catch (IOException e) {
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        assertThat(line).as("the other JVM's file line").isNotNull();
        return Path.of(line.substring("FILE ".length()));
    }

    /**
     * The other JVM: starts a fixture with one rule, prints {@code FILE <its sudoers file>}, and exits without closing
     * it when its stdin closes.
     */
    public static final class ForgetfulJvm {
        private ForgetfulJvm() {}

        public static void main(String[] args) throws IOException {
            SudoFixture sudo = SudoFixture.start();
            sudo.allow("Defaults:" + USER + " timestamp_timeout=0");
            System.out.println("FILE " + sudo.sudoersFile());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the fixture until the test lets go
            }
        }
    }
}
