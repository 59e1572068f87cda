package io.econtext.testkit.assertj;

import io.econtext.Context;
import io.econtext.testkit.OutputCapture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the lines an {@link OutputCapture} recorded; get one from {@link
 * EcontextAssertions#assertThat(OutputCapture)}. Output arrives after the call that printed it returned, so each
 * assertion waits for its line, for at most {@link #DEFAULT_BOUND} or the bound given to {@link #within(Duration)}.
 *
 * <pre>{@code
 * ctx.callNoReply(() -> System.out.println("ready"));
 * assertThat(output).hasStdoutLine(ctx, "ready");
 * assertThat(output).within(Duration.ofSeconds(30)).hasStderrLine(ctx, "slow warning");
 * }</pre>
 *
 * <p>A line matches when it equals the expected text (without its line terminator).
 */
public final class OutputCaptureAssert extends AbstractAssert<OutputCaptureAssert, OutputCapture> {
    /** How long an assertion waits for its line unless told otherwise. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);

    private Duration bound = DEFAULT_BOUND;

    OutputCaptureAssert(OutputCapture actual) {
        super(actual, OutputCaptureAssert.class);
    }

    /** The bound of the assertions that follow. */
    public OutputCaptureAssert within(Duration bound) {
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative()) {
            throw new IllegalArgumentException("bound : " + bound + " (expected: >= 0)");
        }
        this.bound = bound;
        return this;
    }

    /** {@code context} printed {@code line} on its stdout, or prints it within the bound. */
    public OutputCaptureAssert hasStdoutLine(Context context, String line) {
        return hasLine(context, OutputCapture.STDOUT, line);
    }

    /** {@code context} printed {@code line} on its stderr, or prints it within the bound. */
    public OutputCaptureAssert hasStderrLine(Context context, String line) {
        return hasLine(context, OutputCapture.STDERR, line);
    }

    private OutputCaptureAssert hasLine(Context context, String stream, String line) {
        isNotNull();
        boolean arrived;
        try {
            arrived = actual.awaitLine(context, stream, line::equals, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failWithMessage("Interrupted while waiting for context '%s' to print on %s", context.name(), stream);
            return this;
        }
        if (!arrived) {
            List<String> seen = actual.lines(context, stream);
            failWithMessage(
                    "Expecting context '%s' to print the %s line%n  \"%s\"%nwithin %s, but %s",
                    context.name(),
                    stream,
                    line,
                    Durations.toText(bound),
                    seen.isEmpty()
                            ? "it printed nothing on " + stream
                            : "its " + stream + " lines were:"
                                    + seen.stream()
                                            .map(s -> System.lineSeparator() + "  \"" + s + "\"")
                                            .collect(Collectors.joining()));
        }
        return this;
    }
}
