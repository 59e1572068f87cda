package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PingCommandTest {
    /** hop, name, pid, user@host, java, boot ms, rtt us. */
    private static final Pattern ROW =
            Pattern.compile("\\s*(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+@\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+\\.\\d)");

    @Test
    void printsOneRowPerHopWithTheChildsPid() {
        MainRunner.Result r = MainRunner.run("ping", "--via", "local", "--via", "local");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("hop").contains("pid").contains("rtt us");
        Matcher first = row(lines.get(1));
        Matcher second = row(lines.get(2));
        assertThat(first.group(1)).isEqualTo("1");
        assertThat(second.group(1)).isEqualTo("2");
        assertThat(first.group(2)).isEqualTo("local-1");
        assertThat(second.group(2)).isEqualTo("local-2");
        long self = ProcessHandle.current().pid();
        assertThat(Long.parseLong(first.group(3))).isNotEqualTo(self);
        assertThat(Long.parseLong(second.group(3))).isNotEqualTo(self).isNotEqualTo(Long.parseLong(first.group(3)));
        assertThat(first.group(5)).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void pingsOneLocalHopByDefault() {
        MainRunner.Result r = MainRunner.run("ping");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(row(r.out().lines().toList().get(1)).group(2)).isEqualTo("local-1");
    }

    /** hop, name, frames out, bytes out, frames in, bytes in, calls, failed, classes, class bytes, resources, bytes, rtt. */
    private static final Pattern STATS_ROW =
            Pattern.compile("\\s*(\\d+)\\s+(\\S+)" + "\\s+(\\d+)".repeat(10) + "\\s+(\\d+\\.\\d)");

    @Test
    void printsWhatPassedBetweenTheMasterAndEachHopWithStats() {
        MainRunner.Result r = MainRunner.run("ping", "--via", "local", "--via", "local", "--stats");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as(r.out()).hasSize(7);
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.get(4))
                .matches("hop  name +frames out  bytes out  frames in  bytes in  calls  failed  classes  class bytes"
                        + "  resources  resource bytes  rtt median us");
        for (int hop = 1; hop <= 2; hop++) {
            Matcher m = STATS_ROW.matcher(lines.get(4 + hop));
            assertThat(m.matches()).as("stats row: '%s'", lines.get(4 + hop)).isTrue();
            assertThat(m.group(1)).isEqualTo(Integer.toString(hop));
            assertThat(m.group(2)).isEqualTo("local-" + hop);
            long framesOut = Long.parseLong(m.group(3));
            long bytesOut = Long.parseLong(m.group(4));
            long framesIn = Long.parseLong(m.group(5));
            long calls = Long.parseLong(m.group(7));
            assertThat(calls)
                    .as("the warm-up and the timed calls")
                    .isGreaterThanOrEqualTo(PingCommand.MIN_WARMUP_CALLS + PingCommand.TIMED_CALLS);
            assertThat(framesOut).as("a frame per call at least").isGreaterThanOrEqualTo(calls);
            assertThat(framesIn).as("an answer per call at least").isGreaterThanOrEqualTo(calls);
            assertThat(bytesOut).isGreaterThan(framesOut * 28);
            assertThat(m.group(8)).as("failed").isEqualTo("0");
            assertThat(Double.parseDouble(m.group(13))).as("rtt median us").isPositive();
        }
    }

    @Test
    void columnsAreAligned() {
        MainRunner.Result r = MainRunner.run("ping", "--via", "local", "--via", "local");

        List<String> lines = r.out().lines().toList();
        int pidEnd = lines.get(0).indexOf("pid") + "pid".length();
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.charAt(pidEnd - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(pidEnd)).as(line).isEqualTo(' ');
        }
    }

    private static Matcher row(String line) {
        Matcher m = ROW.matcher(line);
        assertThat(m.matches()).as("row: '%s'", line).isTrue();
        return m;
    }
}
