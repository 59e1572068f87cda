package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.BootstrapException;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport against a stand-in sudo ({@link FakeSudo}): prompts of any wording (sudo-rs, other locales, PAM
 * modules), a refused or missing password, a {@code requiretty} policy, a sudo that reads stdin whatever it was told,
 * and a password that must never show in a process list, an exception or the output. Needs no root: the fake does not
 * change users.
 */
@Timeout(60)
class FakeSudoTest {
    private static final String PASSWORD = "c0rrect-h0rse";
    private static final String JAVA =
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    private static Router router;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startRouter() {
        router = Econtext.newRouter();
    }

    @AfterAll
    static void closeRouter() {
        router.close();
    }

    private static SudoSpec spec(Path fake) {
        return Sudo.user("nobody-needed")
                .sudoPath(fake.toString())
                .javaPath(JAVA)
                .connectTimeout(Duration.ofSeconds(20));
    }

    private static String whoami(Context c) {
        return c.call(() -> "pid " + ProcessHandle.current().pid());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"[sudo: authenticate] Password: ", "[sudo] Passwort für ecx: ", "[sudo] ecx 的密码：", "Password:"})
    void thePasswordReachesTheHelperWhateverThePromptSays(String prompt) throws Exception {
        Path fake = FakeSudo.write(dir, prompt, PASSWORD, false);
        Context c = router.connect(spec(fake).password(Secret.of(PASSWORD.toCharArray())));
        assertThat(whoami(c)).startsWith("pid ");
        c.shutdown();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRefusedPasswordFailsAtTheSecondAskWithoutTryingAgain(boolean foreignPrompt) throws Exception {
        Path fake = FakeSudo.write(dir, foreignPrompt ? "Mot de passe : " : null, PASSWORD, false);
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> router.connect(spec(fake).password(Secret.of("wrong-one".toCharArray()))));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(t).isInstanceOf(SudoPasswordIncorrectException.class).hasMessageContaining("refused the password");
        assertThat(t.getMessage()).doesNotContain("wrong-one").doesNotContain("ECONTEXT-SUDO");
        assertThat(((BootstrapException) t).outputTail()).contains("Sorry, try again.");
        assertThat(((BootstrapException) t).outputTail())
                .as("sudo was not given a second try")
                .doesNotContain("3 incorrect password attempts");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAskWithoutAPasswordFailsAsPasswordRequired(boolean foreignPrompt) throws Exception {
        Path fake = FakeSudo.write(dir, foreignPrompt ? "[sudo: authenticate] Password: " : null, PASSWORD, false);
        Throwable t = catchThrowable(() -> router.connect(spec(fake)));
        assertThat(t).isInstanceOf(SudoPasswordRequiredException.class).hasMessageContaining("password(Secret)");
    }

    @Test
    void requireTtyIsMetByARetryUnderATerminalAndRefusedWhenTerminalsAreOff() throws Exception {
        Path fake = FakeSudo.write(dir, null, PASSWORD, true);
        SudoSpec spec = spec(fake).password(Secret.of(PASSWORD.toCharArray()));

        Context auto = router.connect(spec);
        assertThat(auto.call(
                        () -> new String(new byte[] {0, 3, 4, 10, 13, 17, 19, 26, 127}, StandardCharsets.ISO_8859_1)))
                .as("control characters cross unharmed: the protocol never passes through the terminal")
                .isEqualTo(new String(new byte[] {0, 3, 4, 10, 13, 17, 19, 26, 127}, StandardCharsets.ISO_8859_1));
        Context always = router.connect(spec.tty(TtyMode.ALWAYS));
        assertThat(whoami(always)).startsWith("pid ");
        auto.shutdown();
        always.shutdown();

        Throwable never = catchThrowable(() -> router.connect(spec.tty(TtyMode.NEVER)));
        assertThat(never).isInstanceOf(SudoRefusedException.class).hasMessageContaining("must have a tty");
    }

    @Test
    void thePasswordNeverAppearsInAnyProcessesArgumentsOrEnvironment() throws Exception {
        String secret = "n0-one-sees-" + System.nanoTime();
        Path fake = FakeSudo.write(dir, null, secret, false);
        AtomicBoolean booting = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        Thread scanner = new Thread(() -> {
            while (booting.get()) {
                seen.addAll(processesMentioning(secret));
            }
        });
        scanner.start();
        try {
            Context c = router.connect(spec(fake).password(Secret.of(secret.toCharArray())));
            assertThat(whoami(c)).startsWith("pid ");
            c.shutdown();
        } finally {
            booting.set(false);
            scanner.join();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void aPromptOnStderrIsNeverAnsweredOnStdin() throws Exception {
        Path capture = dir.resolve("read-from-stdin");
        Path fake = FakeSudo.readingStdin(dir, "[sudo] password for ops: ", capture);
        Throwable t = catchThrowable(() -> router.connect(
                spec(fake).password(Secret.of(PASSWORD.toCharArray())).connectTimeout(Duration.ofSeconds(2))));

        assertThat(t).isInstanceOf(BootstrapException.class);
        assertThat(capture).as("the fake was reading its stdin").exists();
        assertThat(Files.readString(capture)).isEmpty();
    }

    @Test
    void aMissingSudoSaysToInstallIt() {
        Throwable t = catchThrowable(() -> router.connect(spec(dir.resolve("no-such-sudo"))));
        assertThat(t).isInstanceOf(BootstrapException.class).hasMessageContaining("install sudo");
    }

    /** The pids whose command line or environment contains {@code text}. */
    private static List<String> processesMentioning(String text) {
        List<String> found = new ArrayList<>();
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                for (String f : List.of("cmdline", "environ")) {
                    try {
                        if (indexOf(Files.readAllBytes(p.resolve(f)), needle) >= 0) {
                            found.add(p.getFileName() + "/" + f);
                        }
                    } catch (IOException gone) {
                        // ended, or not ours to read
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
