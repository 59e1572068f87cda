package io.econtext.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parses the value of an option given in seconds ({@code --connect-timeout 2.5}, {@code --timeout 600}); a bad one is
 * a usage error that names the option and the expectation:
 *
 * <pre>{@code
 * Duration d = Seconds.parse("--timeout", "0.25", spec.commandLine());   // 250 ms
 * Seconds.parse("--timeout", "0", spec.commandLine());   // --timeout: '0' (expected: seconds > 0 and <= 86400)
 * }</pre>
 */
final class Seconds {
    /** Upper bound of every such option: a day is already more than any boot or transfer we bound. */
    static final double MAX_SECONDS = 86_400;

    private Seconds() {}

    /** {@code seconds} as a duration of at least 1 ms, or a {@link ParameterException} for {@code commandLine}. */
    static Duration parse(String option, String seconds, CommandLine commandLine) {
        double value;
        try {
            value = Double.parseDouble(seconds);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0 && value <= MAX_SECONDS) || Math.round(value * 1000) < 1) {
            throw new ParameterException(
                    commandLine,
                    option + ": '" + seconds + "' (expected: seconds > 0 and <= " + (long) MAX_SECONDS + ")");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
