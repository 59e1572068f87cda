package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.sudo.SudoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The target account of a sudo hop is not trusted with the operator's password. Each target here is a phishing
 * account: its login scripts print what looks like sudo's prompt (sudo's own wording, and the transport's prompt
 * marker when one can be read from any process's arguments), read the answer from stdin into {@code ~/stolen}, and
 * try to read any askpass FIFO they can find. Boots go through the machine's real sudo, with and without a login
 * shell, to a target that needs no password (root, or a NOPASSWD rule) and to one that does.
 */
@Timeout(90)
class SudoPhishingTest {
    private static final String OPERATOR = "ectestphop";
    private static final String NO_PASSWORD_TARGET = "ectestphnp";
    private static final String PASSWORD_TARGET = "ectestphpw";
    private static final String PASSWORD = "OpsPw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));

    /**
     * Sourced by the target's login scripts. dash (the test users' shell) has no {@code read -t}: the read runs under
     * {@code timeout}, one byte at a time as dash reads pipes, so it takes a line and nothing after it.
     */
    private static final String PHISH = String.join(
            "\n",
            "echo \"login script ran as $(id -un)\" >> \"$HOME/stolen\"",
            "phish() {",
            "  printf '%s' \"$1\" >&2",
            "  timeout 2 sh -c 'IFS= read -r l && printf \"%s\\n\" \"$l\"' >> \"$HOME/stolen\" 2>/dev/null",
            "}",
            "phish '[sudo] password for " + OPERATOR + ": '",
            "marker=$(for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done 2>/dev/null \\",
            "  | grep -o 'ECONTEXT-SUDO-PROMPT-[0-9a-f]*:' | head -n 1)",
            "[ -n \"$marker\" ] && phish \"$marker\"",
            "for f in /tmp/econtext-askpass.*/* /dev/shm/econtext-askpass.*/* \"$XDG_RUNTIME_DIR\"/econtext-askpass.*/*;"
                    + " do",
            "  timeout 1 cat \"$f\" >> \"$HOME/stolen\" 2>/dev/null",
            "done",
            "");

    private static SudoFixture sudo;
    private static Router router;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.userWithPassword(OPERATOR, PASSWORD.toCharArray());
        for (String target : List.of(NO_PASSWORD_TARGET, PASSWORD_TARGET)) {
            Path home = sudo.user(target).home();
            writeOwned(home.resolve(".phish.sh"), PHISH, target);
            writeOwned(home.resolve(".profile"), ". \"$HOME/.phish.sh\"\n", target);
            writeOwned(home.resolve(".bashrc"), ". \"$HOME/.phish.sh\"\n", target);
        }
        sudo.allow(
                "Defaults:" + OPERATOR + " timestamp_timeout=0",
                OPERATOR + " ALL=(" + NO_PASSWORD_TARGET + ") NOPASSWD: ALL",
                OPERATOR + " ALL=(" + PASSWORD_TARGET + ") ALL");
        router = Econtext.newRouter();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (router != null) {
            router.close();
        }
        if (sudo != null) {
            sudo.close();
            for (String target : List.of(NO_PASSWORD_TARGET, PASSWORD_TARGET)) {
                Path home = sudo.user(target).home();
                for (String f : List.of(".phish.sh", ".profile", ".bashrc", "stolen")) {
                    Files.deleteIfExists(home.resolve(f));
                }
            }
        }
    }

    @BeforeEach
    void forgetWhatWasStolen() throws IOException {
        for (String target : List.of(NO_PASSWORD_TARGET, PASSWORD_TARGET)) {
            Files.deleteIfExists(sudo.user(target).home().resolve("stolen"));
        }
    }

    private static SudoSpec as(String user) {
        return Sudo.user(user).javaPath(SudoTransportTest.JAVA);
    }

    private static Secret password() {
        return Secret.of(PASSWORD.toCharArray());
    }

    @ParameterizedTest(name = "loginShell={0}")
    @ValueSource(booleans = {true, false})
    void rootBootingATargetWithAPasswordGivenNeverHandsItToTheTarget(boolean loginShell) throws Exception {
        Object booted = bootAs(as(NO_PASSWORD_TARGET).password(password()).loginShell(loginShell));
        assertNothingStolenBy(NO_PASSWORD_TARGET, loginShell);
        assertThat(booted).isEqualTo(NO_PASSWORD_TARGET);
    }

    @ParameterizedTest(name = "loginShell={0}")
    @ValueSource(booleans = {true, false})
    void aNoPasswordRuleNeverHandsTheGivenPasswordToTheTarget(boolean loginShell) throws Exception {
        Context operator = router.connect(as(OPERATOR));
        try {
            Object booted = bootAs(as(NO_PASSWORD_TARGET)
                    .password(password())
                    .loginShell(loginShell)
                    .via(operator));
            assertNothingStolenBy(NO_PASSWORD_TARGET, loginShell);
            assertThat(booted).isEqualTo(NO_PASSWORD_TARGET);
        } finally {
            operator.shutdown();
        }
    }

    @ParameterizedTest(name = "loginShell={0}")
    @ValueSource(booleans = {true, false})
    void aPasswordRuleTakesThePasswordAndTheTargetStillNeverSeesIt(boolean loginShell) throws Exception {
        Context operator = router.connect(as(OPERATOR));
        try {
            Object booted = bootAs(as(PASSWORD_TARGET)
                    .password(password())
                    .loginShell(loginShell)
                    .via(operator));
            assertNothingStolenBy(PASSWORD_TARGET, loginShell);
            assertThat(booted).isEqualTo(PASSWORD_TARGET);
        } finally {
            operator.shutdown();
        }
    }

    @ParameterizedTest(name = "loginShell={0}")
    @ValueSource(booleans = {true, false})
    void aWrongPasswordFailsTypedAndTheTargetSeesNeitherPassword(boolean loginShell) throws Exception {
        Context operator = router.connect(as(OPERATOR));
        String wrong = "Wrong-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try {
            Object booted = bootAs(as(PASSWORD_TARGET)
                    .password(Secret.of(wrong.toCharArray()))
                    .loginShell(loginShell)
                    .via(operator));
            assertNothingStolenBy(PASSWORD_TARGET, false, wrong); // sudo refused before any code of the target's ran
            assertThat(booted).isInstanceOf(SudoPasswordIncorrectException.class);
        } finally {
            operator.shutdown();
        }
    }

    /** The booted child's user name, or what the boot threw. */
    private static Object bootAs(SudoSpec spec) {
        Context c;
        try {
            c = router.connect(spec);
        } catch (RuntimeException e) {
            return e;
        }
        try {
            return c.call(() -> System.getProperty("user.name"));
        } finally {
            c.shutdown();
        }
    }

    /** The target's login scripts ran (or not, as said), and read neither the password nor {@code alsoSecret}. */
    private static void assertNothingStolenBy(String target, boolean loginScriptRan, String... alsoSecret)
            throws IOException {
        Path stolen = sudo.user(target).home().resolve("stolen");
        String got = Files.exists(stolen) ? Files.readString(stolen, StandardCharsets.ISO_8859_1) : "";
        assertThat(got.contains("login script ran as " + target))
                .as("the phishing login script ran")
                .isEqualTo(loginScriptRan);
        assertThat(got).as("what %s's login scripts read", target).doesNotContain(PASSWORD);
        for (String s : alsoSecret) {
            assertThat(got).as("what %s's login scripts read", target).doesNotContain(s);
        }
    }

    private static void writeOwned(Path file, String content, String owner) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(owner));
        GroupPrincipal group = users.lookupPrincipalByGroupName(owner);
        view.setGroup(group);
    }
}
