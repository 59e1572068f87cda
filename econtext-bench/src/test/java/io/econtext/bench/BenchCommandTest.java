package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

class BenchCommandTest {
    private static final List<String> ROWS = List.of(
            "local boot → first call (median)",
            "call round trip (median, p99)",
            "pipelined calls",
            "bulk master→child / child→master",
            "channel child→master, 1 hop / 3 hops",
            "wire bytes: boot + first call",
            "20 parallel boots + 1 call each",
            "3rd-hop round trip (median)",
            "child RSS after first call",
            "JVMs alive after master SIGKILL",
            "int[100k] master→child / child→master",
            "List<String> of 100k master→child / child→master",
            "10k records master→child / child→master");

    /** Runs the whole quick bench in-process; asserts the report's shape, never its numbers (timings are noisy). */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void quickReportHasEveryRowWithAResult() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int rc = cl.execute("--quick");

        String report = out.toString();
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        List<String> lines = report.lines().toList();
        assertThat(lines.get(0)).startsWith("econtext bench — java ");
        assertThat(lines.get(1)).startsWith("row").contains("value", "baseline", "ratio", "bar", "result");
        List<String> rows = lines.stream()
                .filter(l -> l.endsWith(" PASS") || l.endsWith(" FAIL"))
                .toList();
        assertThat(rows).as(report).hasSize(ROWS.size());
        for (int i = 0; i < ROWS.size(); i++) {
            assertThat(rows.get(i)).as(report).startsWith(ROWS.get(i)).doesNotContain(" error ");
        }
    }

    @Test
    void anUnsupportedHopIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        assertThat(cl.execute("--via", "nosuch:root")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scheme 'nosuch'");
    }

    @Test
    void aSudoHopIsNotBenchmarkedYetAndSaysSo() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        assertThat(cl.execute("--via", "sudo:root")).isEqualTo(1);
        assertThat(err.toString()).contains("--via 'sudo:root' is not supported (expected: local or ssh:...)");
    }
}
