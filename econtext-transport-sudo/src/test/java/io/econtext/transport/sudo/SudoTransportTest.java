package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.sudo.SudoFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sudo transport against the machine's real sudo and real sudoers rules (written by {@link SudoFixture}): root to
 * another user, a user to root with its password, wrong and missing passwords, {@code requiretty}.
 */
@Timeout(60)
class SudoTransportTest {
    static final String JAVA = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    private static final String TARGET = "ectestsudo";
    private static final String WITH_PASSWORD = "ectestsudopw";
    private static final String WITH_TTY = "ectestsudotty";
    private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));

    /** What the boot script, the sudo launcher and the askpass run from PATH, but util-linux script. */
    private static final List<String> TOOLS_BUT_SCRIPT = List.of("chmod", "mktemp", "head", "rm", "mkfifo", "cat");

    private static SudoFixture sudo;
    private static Router router;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.user(TARGET);
        sudo.userWithPassword(WITH_PASSWORD, PASSWORD.toCharArray());
        sudo.userWithPassword(WITH_TTY, PASSWORD.toCharArray());
        sudo.allow(
                "Defaults:" + WITH_PASSWORD + " timestamp_timeout=0",
                WITH_PASSWORD + " ALL=(ALL) ALL",
                "Defaults:" + WITH_TTY + " requiretty, timestamp_timeout=0",
                WITH_TTY + " ALL=(ALL) ALL");
        router = Econtext.newRouter();
    }

    @AfterAll
    static void tearDown() {
        if (router != null) {
            router.close();
        }
        if (sudo != null) {
            sudo.close();
        }
    }

    private static SudoSpec as(String user) {
        return Sudo.user(user).javaPath(JAVA);
    }

    @Test
    void rootBecomesAnotherUserWithoutAPasswordAndItsFilesAreThatUsers() throws Exception {
        Context c = router.connect(as(TARGET).setHome(true));
        try {
            assertThat(c.info().user()).isEqualTo(TARGET);
            String home = c.call(() -> System.getenv("HOME"));
            assertThat(home).isEqualTo("/home/" + TARGET);
            Path file = c.call(() -> {
                        Path f = Files.createTempFile(Path.of("/tmp"), "econtext-sudo-owned-", ".txt");
                        Files.writeString(f, "made by the child");
                        return f.toString();
                    })
                    .transform(Path::of);
            try {
                assertThat(Files.getOwner(file).getName()).isEqualTo(TARGET);
                assertThat(Files.readString(file)).isEqualTo("made by the child");
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            c.shutdown();
        }
    }

    @Test
    void aUserBecomesRootWithTheRightPassword() {
        Context user = router.connect(as(WITH_PASSWORD));
        try {
            Context root = router.connect(Sudo.root()
                    .javaPath(JAVA)
                    .password(Secret.of(PASSWORD.toCharArray()))
                    .via(user));
            assertThat(root.call(() -> System.getProperty("user.name"))).isEqualTo("root");
            assertThat(root.info().user()).isEqualTo("root");
        } finally {
            user.shutdown();
        }
    }

    @Test
    void aWrongPasswordFailsTypedAndQuicklyWithoutShowingIt() {
        Context user = router.connect(as(WITH_PASSWORD));
        try {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> router.connect(Sudo.root()
                    .javaPath(JAVA)
                    .password(Secret.of("not-it-123".toCharArray()))
                    .via(user)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(t).isInstanceOf(SudoPasswordIncorrectException.class);
            assertThat(t.getMessage()).contains("refused the password").doesNotContain("not-it-123");
            assertThat(took).as("sudo's own delay after a failure is ~2 s").isLessThan(Duration.ofSeconds(8));
            assertThat(user.call(() -> "the booting context lives on")).isEqualTo("the booting context lives on");
        } finally {
            user.shutdown();
        }
    }

    @Test
    void aPromptWithoutAPasswordFailsAsPasswordRequired() {
        Context user = router.connect(as(WITH_PASSWORD));
        try {
            Throwable t = catchThrowable(
                    () -> router.connect(Sudo.root().javaPath(JAVA).via(user)));
            assertThat(t).isInstanceOf(SudoPasswordRequiredException.class).hasMessageContaining("password(Secret)");
        } finally {
            user.shutdown();
        }
    }

    @Test
    void requireTtyIsMetWithATerminalForSudoOnlyAndRefusedWhenTerminalsAreOff() {
        Context user = router.connect(as(WITH_TTY));
        try {
            SudoSpec toRoot = Sudo.root().javaPath(JAVA).password(Secret.of(PASSWORD.toCharArray()));
            Context root = router.connect(toRoot.via(user));
            assertThat(root.call(() -> System.getProperty("user.name"))).isEqualTo("root");
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            assertThat(root.call(() -> binary))
                    .as("every byte value crosses: the protocol never passes a line discipline")
                    .isEqualTo(binary);
            root.shutdown();

            Throwable never = catchThrowable(
                    () -> router.connect(toRoot.tty(TtyMode.NEVER).via(user)));
            assertThat(never).isInstanceOf(SudoRefusedException.class).hasMessageContaining("tty");
        } finally {
            user.shutdown();
        }
    }

    @Test
    void requireTtyWithoutUtilLinuxScriptSaysWhatToInstall() throws Exception {
        Path bin = Files.createTempDirectory(Path.of("/tmp"), "econtext-noscript-");
        try {
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String tool : TOOLS_BUT_SCRIPT) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("/bin", tool));
            }
            Context user = router.connect(as(WITH_TTY).environment(Map.of("PATH", bin.toString())));
            try {
                Throwable t = catchThrowable(() -> router.connect(Sudo.root()
                        .sudoPath("/usr/bin/sudo")
                        .javaPath(JAVA)
                        .password(Secret.of(PASSWORD.toCharArray()))
                        .via(user)));
                assertThat(t)
                        .isInstanceOf(SudoTtyRequiredException.class)
                        .hasMessageContaining("must have a tty")
                        .hasMessageContaining("install");
            } finally {
                user.shutdown();
            }
        } finally {
            for (String tool : TOOLS_BUT_SCRIPT) {
                Files.deleteIfExists(bin.resolve(tool));
            }
            Files.deleteIfExists(bin);
        }
    }

    @Test
    void aLoginShellRunsTheChildWithTheTargetsLoginEnvironment() {
        Context c = router.connect(as(TARGET).loginShell(true));
        try {
            assertThat(c.call(() -> System.getProperty("user.name") + " " + System.getenv("HOME")))
                    .isEqualTo(TARGET + " /home/" + TARGET);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void anUnknownTargetUserIsRefusedWithSudosOwnWords() {
        Throwable t = catchThrowable(() -> router.connect(as("ectestnosuchuser")));
        assertThat(t).isInstanceOf(SudoRefusedException.class).hasMessageContaining("ectestnosuchuser");
    }
}
