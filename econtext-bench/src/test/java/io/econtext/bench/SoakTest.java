package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code econtext bench --soak} for 20 s: real child JVMs, real {@code kill -9}, {@code SIGSTOP} and {@code SIGCONT}.
 * Asserts what must hold however slow the machine is (nothing lost, answered twice or wrong, no unexpected failure,
 * the chaos happened, nothing left running), never a rate or a heap figure.
 */
class SoakTest {
    private static final List<String> ZERO_ROWS =
            List.of("calls lost", "answered twice", "wrong answers", "unexpected failures");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aShortSoakWithKillsAndStopsLosesNothingAndAnswersEveryCallOnceAndRight() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int rc = command(out, err).execute("--soak", "--duration", "20s");

        String report = out.toString();
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        assertThat(report).startsWith("econtext soak — java ");
        for (String row : ZERO_ROWS) {
            assertThat(row(report, row)).as(report).matches(Pattern.quote(row) + " +0 +— +— += 0 +PASS");
        }
        assertThat(count(report, "(\\d+) × kill -9")).as(report).isPositive();
        assertThat(count(report, "(\\d+) × SIGSTOP")).as(report).isPositive();
        assertThat(count(report, "([\\d,]+) past deadline")).as(report).isPositive();
        assertThat(count(report, "([\\d,]+) answered")).as(report).isPositive();
        for (String row : List.of("master heap after GC", "master threads", "master open fds")) {
            assertThat(row(report, row)).as(report).matches(".*(PASS|FAIL)$");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .as("processes left by the soak")
                .isEmpty();
    }

    @Test
    void soakOptionsWithoutSoakAreRefused() {
        StringWriter err = new StringWriter();

        assertThat(command(new StringWriter(), err).execute("--duration", "20s"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--duration and --calls apply to --soak only");
    }

    @Test
    void aBadDurationIsRefusedNamingTheOption() {
        StringWriter err = new StringWriter();

        assertThat(command(new StringWriter(), err).execute("--soak", "--duration", "10x"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--duration: '10x' (expected: a time like 90s, 10m or 1h");
    }

    @Test
    void theSoakRunsOverLocalContextsOnly() {
        StringWriter err = new StringWriter();

        assertThat(command(new StringWriter(), err).execute("--soak", "--via", "local", "--via", "local"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--soak runs over local contexts only");
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl;
    }

    private static String row(String report, String label) {
        return report.lines()
                .filter(l -> l.startsWith(label + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in:\n" + report));
    }

    private static long count(String report, String regex) {
        Matcher m = Pattern.compile(regex).matcher(report);
        if (!m.find()) {
            throw new AssertionError("no '" + regex + "' in:\n" + report);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
