package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code bench --fleet --quick}: a simulated fleet of 20 hosts; the report's shape, never its numbers. */
class FleetBenchTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void quickFleetReportHasEveryRow() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int rc = cl.execute("--fleet", "--quick");

        String report = out.toString();
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        List<String> lines = report.lines().toList();
        assertThat(lines.get(0)).startsWith("econtext bench --fleet — java ");
        assertThat(report)
                .contains("fleet 20 hosts: connect all (embedded client)")
                .contains("fleet 20 hosts: connect all (OpenSSH client)")
                .contains("fleet 20 hosts: warm broadcast call (median, p99)")
                .contains("fleet 20 hosts: exec hostname on all")
                .contains("fleet 20 hosts: master threads, RSS, fds after connect")
                .containsPattern("fleet 20 hosts, [1-9] hanging: connect all .* (PASS|FAIL)")
                .contains("pssh `ssh host true`")
                .doesNotContain("ERROR");
    }

    @Test
    void theFleetReportRunsFromThisJvmOnly() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(err));

        int rc = cl.execute("--fleet", "--via", "local", "--via", "local");

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--fleet drives its own simulated fleet from this JVM");
    }
}
