package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.testkit.sudo.SudoFixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --password-env VAR} and {@code --sudo-password-env VAR}: the variables stay in the CLI's own environment (Java
 * cannot remove them), but no process it starts carries them. The CLI runs as a process of its own with both variables
 * set and a {@code PATH} whose first directory holds wrappers for {@code ssh}, {@code sudo}, {@code mkfifo},
 * {@code cat} (what the askpass helper runs) and {@code rsync}: each saves its own {@code /proc/PID/environ} and execs
 * the real program. A local hop's JVM shows its environment through {@code exec -- cat /proc/self/environ}.
 */
@Timeout(180)
class PasswordEnvironmentTest {
    private static final String JAVA =
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    private static final String SSH_VAR = "ECTEST_SSH_PW";
    private static final String SUDO_VAR = "ECTEST_SUDO_PW";
    private static final String SSH_PASSWORD = "ssh-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final String SUDO_PASSWORD = "sudo-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final List<String> WRAPPED = List.of("ssh", "sudo", "mkfifo", "cat", "rsync");

    private static SshdFixture sshd;
    private static SudoFixture sudo;
    private static TestUser sshUser;

    @TempDir
    static Path tmp;

    private static Path wrappers;
    private static Path environs;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.user("ectestclienv");
        sshd = SshdFixture.startWithPasswords();
        sshUser = sshd.userWithPassword("ectestclienvpw", SSH_PASSWORD.toCharArray());
        wrappers = Files.createDirectory(tmp.resolve("bin"));
        environs = Files.createDirectory(tmp.resolve("environ"));
        for (String program : WRAPPED) {
            Path real = onPath(program);
            assumeTrue(real != null, program + " not installed: apt-get install openssh-client sudo rsync coreutils");
            Path wrapper = wrappers.resolve(program);
            Files.writeString(
                    wrapper,
                    "#!/bin/sh\n/bin/cat /proc/$$/environ > '" + environs + "/" + program + ".'$$\nexec '" + real
                            + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterAll
    static void tearDown() {
        if (sshd != null) {
            sshd.close();
        }
        if (sudo != null) {
            sudo.close();
        }
    }

    @Test
    void noProcessStartedByTheCliInheritsAPasswordVariable() throws Exception {
        Run local = cli("exec", "--via", "local", "--", "cat", "/proc/self/environ");
        assertThat(local.exitCode()).as(local.output()).isZero();
        assertThat(local.output())
                .as("the environment of a command run by the local hop's JVM, inherited from it")
                .contains("PATH=" + wrappers)
                .doesNotContain(SSH_VAR, SUDO_VAR, SSH_PASSWORD, SUDO_PASSWORD);

        Run ssh = cli(
                "exec",
                "--via",
                "ssh:" + sshUser.name() + "@" + sshd.host() + ":" + sshd.port(),
                "--known-hosts",
                sshd.knownHostsFile().toString(),
                "--ssh-option",
                "PubkeyAuthentication=no",
                "--",
                "id",
                "-un");
        assertThat(ssh.exitCode()).as(ssh.output()).isZero();
        assertThat(ssh.output()).contains(sshUser.name());

        Run sudoHop = cli("exec", "--via", "sudo:ectestclienv", "--", "id", "-un");
        assertThat(sudoHop.exitCode()).as(sudoHop.output()).isZero();
        assertThat(sudoHop.output()).contains("ectestclienv");

        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("file.txt"), "copied\n");
        Run rsync = cli("rsync", "--via", "local", "--", "-a", src + "/", "ctx:" + tmp.resolve("dst") + "/");
        assertThat(rsync.exitCode()).as(rsync.output()).isZero();
        assertThat(tmp.resolve("dst").resolve("file.txt")).hasContent("copied");

        Map<String, String> seen = environs();
        assertThat(seen.keySet())
                .as("every wrapped program ran: ssh, its askpass (cat), mkfifo, sudo, rsync")
                .anyMatch(f -> f.startsWith("ssh."))
                .anyMatch(f -> f.startsWith("cat."))
                .anyMatch(f -> f.startsWith("mkfifo."))
                .anyMatch(f -> f.startsWith("sudo."))
                .anyMatch(f -> f.startsWith("rsync."));
        seen.forEach((file, environ) -> assertThat(environ)
                .as("/proc/PID/environ of %s", file)
                .contains(wrappers + File.pathSeparator)
                .doesNotContain(SSH_VAR, SUDO_VAR, SSH_PASSWORD, SUDO_PASSWORD));
    }

    private record Run(int exitCode, String output) {}

    /** Runs the CLI as a process of its own, with both password variables and the wrappers first on its PATH. */
    private static Run cli(String command, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                JAVA,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                command,
                "--java",
                JAVA,
                "--password-env",
                SSH_VAR,
                "--sudo-password-env",
                SUDO_VAR));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put(SSH_VAR, SSH_PASSWORD);
        pb.environment().put(SUDO_VAR, SUDO_PASSWORD);
        pb.environment().put("PATH", wrappers + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** What each wrapper saved, by file name ({@code PROGRAM.PID}), NULs as spaces. */
    private static Map<String, String> environs() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(environs)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                all.put(
                        f.getFileName().toString(),
                        Files.readString(f, StandardCharsets.ISO_8859_1).replace('\0', ' '));
            }
        }
        return all;
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
