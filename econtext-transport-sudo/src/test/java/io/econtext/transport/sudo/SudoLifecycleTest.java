package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.LocalProcesses;
import io.econtext.testkit.sudo.SudoFixture;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGKILL of a master whose chain runs through sudo, with and without a terminal: nothing of the tree survives. */
@Timeout(60)
class SudoLifecycleTest {
    private static final Duration GONE_BOUND = Duration.ofSeconds(5);
    private static final String TTY_USER = "ectestsudolife";
    private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static SudoFixture sudo;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.userWithPassword(TTY_USER, PASSWORD.toCharArray());
        sudo.allow("Defaults:" + TTY_USER + " requiretty, timestamp_timeout=0", TTY_USER + " ALL=(ALL) ALL");
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
    }

    @Test
    void killingTheMasterLeavesNoJvmNoSudoAndNoTerminalHelper() throws Exception {
        Process master = new ProcessBuilder(
                        SudoTransportTest.JAVA,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SudoChainHolderMain.class.getName(),
                        SudoTransportTest.JAVA,
                        TTY_USER)
                .redirectErrorStream(true)
                .start();
        master.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        master.getOutputStream().flush();
        List<String> output = new ArrayList<>();
        List<Long> pids;
        try {
            pids = LocalProcesses.awaitPidsLine(master, output, Duration.ofSeconds(40));
            List<String> commands = new ArrayList<>();
            for (long pid : pids) {
                commands.add(LocalProcesses.commandName(pid));
            }
            assertThat(commands)
                    .as("the tree: " + pids + "; the master said " + output)
                    .contains("java", "sudo", "script");
            assertThat(commands.stream().filter("java"::equals).count())
                    .as("two child JVMs")
                    .isEqualTo(2);

            LocalProcesses.kill9(master.pid());
            assertThat(master.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            master.destroyForcibly();
        }

        List<String> left = new ArrayList<>();
        for (long pid : LocalProcesses.stillRunningAfter(GONE_BOUND, pids)) {
            left.add(pid + " " + LocalProcesses.commandName(pid));
        }
        assertThat(left)
                .as("processes of the sudo chain still running " + GONE_BOUND.toSeconds() + " s after the master died")
                .isEmpty();
    }
}
