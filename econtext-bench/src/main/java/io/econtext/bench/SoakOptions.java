package io.econtext.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code econtext bench --soak}: how long and how many calls. A bad value is a usage error naming the
 * option and the expectation, e.g. {@code --duration: '10x' (expected: a time like 90s, 10m or 1h, > 0 and ≤ 24h)}.
 */
public final class SoakOptions {
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    static final long DEFAULT_CALLS = 1_000_000;
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final long MAX_CALLS = 1_000_000_000;
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = "--soak",
            description = "Run the soak instead of the report: " + Soak.CONTEXTS + " local contexts, calls of random"
                    + " sizes (ordered, concurrent, past their deadline, channels), one context killed and booted"
                    + " again every few seconds, one stopped and resumed; reports calls lost, answered twice or"
                    + " wrong, and the master's heap, threads and fds over time.")
    private boolean soak;

    private Duration duration;
    private Long calls;

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            description = "With --soak: stop making calls after TIME, e.g. 90s, 10m, 1h (default: 10m).")
    void setDuration(String value) {
        Matcher m = TIME.matcher(value.trim());
        Duration d = null;
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1_000;
            };
            d = Duration.ofMillis(Math.round(Math.min(millis, 1e15)));
        }
        if (d == null || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
            throw new ParameterException(
                    mixee.commandLine(),
                    "--duration: '" + value + "' (expected: a time like 90s, 10m or 1h, > 0 and ≤ 24h)");
        }
        this.duration = d;
    }

    @Option(
            names = "--calls",
            paramLabel = "N",
            description = "With --soak: stop after N calls (default: 1,000,000), or at --duration if that comes first.")
    void setCalls(String value) {
        long n;
        try {
            n = Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_CALLS) {
            throw new ParameterException(
                    mixee.commandLine(), "--calls: '" + value + "' (expected: a number ≥ 1 and ≤ 1,000,000,000)");
        }
        this.calls = n;
    }

    /** True with {@code --soak}. */
    boolean soak() {
        return soak;
    }

    /** True when {@code --duration} or {@code --calls} was given (they mean nothing without {@code --soak}). */
    boolean tuned() {
        return duration != null || calls != null;
    }

    Duration duration() {
        return duration != null ? duration : DEFAULT_DURATION;
    }

    long calls() {
        return calls != null ? calls : DEFAULT_CALLS;
    }
}
