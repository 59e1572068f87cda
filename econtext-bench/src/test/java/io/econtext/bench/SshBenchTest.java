package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The ssh rows of the bench against a real sshd on loopback. */
class SshBenchTest {
    private static final List<String> SSH_ROWS = List.of(
            "ssh boot → first call (median)",
            "ssh: first ssh hop (1 of 1) round trip (median, p99)",
            "ssh chain: last hop (1 of 1) round trip (median, p99)",
            "ssh bulk child→master");

    /** Runs the quick bench over one ssh hop; asserts the ssh rows' shape, never their numbers. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void quickReportOverAnSshHopHasTheSshRows() throws Exception {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.user("ectestbench");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new BenchCommand());
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));

            int rc = cl.execute(
                    "--quick",
                    "--via",
                    "ssh:" + user.name() + "@" + sshd.host() + ":" + sshd.port(),
                    "--identity",
                    user.privateKey().toString(),
                    "--known-hosts",
                    sshd.knownHostsFile().toString());

            String report = out.toString();
            System.out.print(report);
            assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
            List<String> lines = report.lines().toList();
            assertThat(lines.get(0)).contains("chain ssh:" + user.name() + "@");
            for (String row : SSH_ROWS) {
                List<String> found =
                        lines.stream().filter(l -> l.startsWith(row)).toList();
                assertThat(found).as(report).hasSize(1);
                String line = found.get(0);
                assertThat(line).as(report).doesNotContain(" error ");
                if (line.contains("round trip")) {
                    assertThat(line).as(report).endsWith(" " + Report.INFO);
                } else {
                    assertThat(line).as(report).matches(".* (PASS|FAIL)");
                }
            }
        }
    }
}
