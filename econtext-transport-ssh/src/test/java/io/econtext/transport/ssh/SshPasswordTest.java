package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Password logins through the askpass FIFO, against an sshd with {@code PasswordAuthentication yes}. */
@Timeout(60)
class SshPasswordTest {
    private static final String PASSWORD = "s3cret-" + Long.toHexString(System.nanoTime());
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.startWithPasswords();
        user = sshd.userWithPassword("ectestsshpw", PASSWORD.toCharArray());
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Password logins only: no key of the user's or the agent's is offered. */
    private static SshSpec passwordSpec() {
        return Ssh.to(sshd.host())
                .port(sshd.port())
                .user(user.name())
                .knownHostsFile(sshd.knownHostsFile().toString())
                .extraArgs("-o", "PubkeyAuthentication=no");
    }

    @Test
    void logsInWithTheRightPasswordWithoutShowingItAnywhere() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Set<Path> before = askpassDirectories();
            Context c = router.connect(passwordSpec().password(Secret.of(PASSWORD.toCharArray())));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            assertThat(processesMentioning(PASSWORD))
                    .as("command lines and environments")
                    .isEmpty();
            assertThat(askpassDirectories())
                    .as("the askpass directory is gone once logged in")
                    .isEqualTo(before);
        }
    }

    @Test
    void anIntermediateContextLogsInWithThePasswordItWasSent() {
        try (Router router = Econtext.newRouter()) {
            Context jump = router.connect(Local.spec().name("pw-jump"));
            Context c = router.connect(
                    passwordSpec().password(Secret.of(PASSWORD.toCharArray())).via(jump));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
        }
    }

    @Test
    void aWrongPasswordFailsPromptlyAndSaysSo() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Set<Path> before = askpassDirectories();
            long start = System.nanoTime();
            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(passwordSpec()
                            .password(Secret.of("wrong".toCharArray()))
                            .connectTimeout(Duration.ofSeconds(10))));

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("no second prompt, no hang")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
            assertThat(e.passwordRejected()).isTrue();
            assertThat(e.getMessage()).startsWith(user.name() + "@127.0.0.1 rejected the password");
            assertThat(e.getMessage()).doesNotContain("wrong");
            assertThat(askpassDirectories()).isEqualTo(before);
        }
    }

    @Test
    void noPasswordForAPasswordOnlyLoginAsksForOne() {
        try (Router router = Econtext.newRouter()) {
            SshPasswordRequiredException e =
                    catchThrowableOfType(SshPasswordRequiredException.class, () -> router.connect(passwordSpec()));

            assertThat(e.serverMethods()).contains("password");
            assertThat(e.getMessage()).contains("asks for a password, but none was given: set password(Secret)");
        }
    }

    /** Pids of processes whose command line or environment contains {@code text}. */
    private static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                for (String file : List.of("cmdline", "environ")) {
                    try {
                        String s = new String(Files.readAllBytes(proc.resolve(file)), StandardCharsets.UTF_8);
                        if (s.contains(text)) {
                            found.add(proc.getFileName() + "/" + file);
                        }
                    } catch (IOException e) {
                        // gone, or not ours to read
                    }
                }
            }
        }
        return found;
    }

    private static Set<Path> askpassDirectories() throws IOException {
        Set<Path> found = new HashSet<>();
        for (String base :
                new String[] {System.getenv("XDG_RUNTIME_DIR"), System.getProperty("java.io.tmpdir"), "/dev/shm", "/tmp"
                }) {
            if (base == null || !Files.isDirectory(Path.of(base))) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(base), "econtext-askpass.*")) {
                dirs.forEach(found::add);
            }
        }
        return found;
    }
}
