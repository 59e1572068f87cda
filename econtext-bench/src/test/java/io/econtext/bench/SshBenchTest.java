package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The ssh rows of the bench against a real sshd on loopback. */
class SshBenchTest {
    /** The ssh rows with a bar: each ends in PASS or FAIL. */
    private static final List<String> BARRED_ROWS = List.of(
            "ssh boot → first call (median)",
            "ssh bulk child→master",
            "ssh clients, 1/5 hosts: boot + first call",
            "ssh clients, 1/5 hosts: master threads added",
            "ssh clients, 1/5 hosts: master RSS growth",
            "ssh clients, 1/5 hosts: processes the master started",
            "ssh clients, 1 host: embedded round trip (median, p99)");

    /** The ssh rows that are information only. */
    private static final List<String> INFO_ROWS = List.of(
            "ssh: first ssh hop (1 of 1) round trip (median, p99)",
            "ssh chain: last hop (1 of 1) round trip (median, p99)",
            "ssh clients, 1/5 hosts: master open fds growth",
            "ssh clients, 1/5 hosts: warm broadcast call (median)",
            "ssh clients, 1 host: embedded bulk master→child / child→master");

    /** Runs the quick bench over one ssh hop; asserts the ssh rows' shape, never their numbers. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void quickReportOverAnSshHopHasTheSshRows() throws Exception {
        try (SshdFixture sshd = SshdFixture.start()) {
            TestUser user = sshd.user("ectestbench");

            String report = quickBench(sshd, user);

            List<String> lines = report.lines().toList();
            assertThat(lines.get(0)).contains("chain ssh:" + user.name() + "@");
            for (String row : BARRED_ROWS) {
                assertThat(row(lines, row, report)).as(report).matches(".* (PASS|FAIL)");
            }
            for (String row : INFO_ROWS) {
                assertThat(row(lines, row, report)).as(report).endsWith(" " + Report.INFO);
            }
        }
    }

    /**
     * The fleet rows count what the master holds, not how fast it went: the embedded client starts no process and adds
     * no thread per host, the OpenSSH client starts one {@code ssh} per host.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fleetRowsCountNoSshProcessAndNoThreadPerHostForTheEmbeddedClient() throws Exception {
        try (SshdFixture sshd = SshdFixture.start()) {
            String report = quickBench(sshd, sshd.user("ectestbench"), "--rows", "1/5 hosts");

            List<String> lines = report.lines().toList();
            assertThat(lines.stream().filter(l -> l.startsWith("ssh clients, 1/5 hosts: ")))
                    .as(report)
                    .hasSize(6);
            // value (embedded) "0 / 0", baseline (OpenSSH) "1 / 5, ... MiB in ssh"
            assertThat(row(lines, "ssh clients, 1/5 hosts: processes the master started", report))
                    .as(report)
                    .matches(".*   0 / 0   +1 / 5, [0-9.]+ MiB in ssh   .* PASS");
            assertThat(row(lines, "ssh clients, 1/5 hosts: master threads added", report))
                    .as(report)
                    .endsWith(" PASS");
        }
    }

    /** Runs {@code bench --quick} over one ssh hop to {@code sshd} as {@code user}; returns the report (exit code 0). */
    private static String quickBench(SshdFixture sshd, TestUser user, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(
                "--quick",
                "--via",
                "ssh:" + user.name() + "@" + sshd.host() + ":" + sshd.port(),
                "--identity",
                user.privateKey().toString(),
                "--known-hosts",
                sshd.knownHostsFile().toString()));
        args.addAll(List.of(more));

        int rc = cl.execute(args.toArray(new String[0]));

        String report = out.toString();
        System.out.print(report);
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        return report;
    }

    private static String row(List<String> lines, String label, String report) {
        List<String> found = lines.stream().filter(l -> l.startsWith(label)).toList();
        assertThat(found).as(report).hasSize(1);
        assertThat(found.get(0)).as(report).doesNotContain(" error ");
        return found.get(0);
    }
}
