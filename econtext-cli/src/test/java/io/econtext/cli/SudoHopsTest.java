package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sudo.SudoFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI's {@code sudo:} hops with the machine's real sudo: no password, a password from the environment. */
@Timeout(60)
class SudoHopsTest {
    private static final String USER = "ectestclisudo";
    private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final String JAVA =
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    private static SudoFixture sudo;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.userWithPassword(USER, PASSWORD.toCharArray());
        sudo.allow("Defaults:" + USER + " timestamp_timeout=0", USER + " ALL=(ALL) ALL");
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
    }

    @Test
    void pingsASudoHopAsTheTargetUser() {
        MainRunner.Result r = MainRunner.run("ping", "--via", "sudo:" + USER, "--java", JAVA);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(USER + "@");
    }

    @Test
    void execThroughTwoSudoHopsTakesThePasswordFromTheEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        JAVA,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "exec",
                        "--via",
                        "sudo:" + USER,
                        "--via",
                        "sudo",
                        "--java",
                        JAVA,
                        "--sudo-password-env",
                        "ECTEST_SUDO_PASSWORD",
                        "--",
                        "sh",
                        "-c",
                        "id -un; exit 7"))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("ECTEST_SUDO_PASSWORD", PASSWORD);
        Process cli = pb.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(50, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitValue()).as(out).isEqualTo(7);
        assertThat(out).contains("root").doesNotContain(PASSWORD);
    }

    @Test
    void aMissingPasswordIsATypedFailureAndAnUnsetVariableAUsageError() {
        MainRunner.Result noPassword = MainRunner.run("ping", "--via", "sudo:" + USER, "--via", "sudo", "--java", JAVA);
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.err()).contains("asked for a password and none was given");

        MainRunner.Result unset = MainRunner.run(
                "ping", "--via", "sudo:" + USER, "--via", "sudo", "--sudo-password-env", "ECTEST_NO_SUCH_VARIABLE");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("ECTEST_NO_SUCH_VARIABLE is not set");
    }
}
