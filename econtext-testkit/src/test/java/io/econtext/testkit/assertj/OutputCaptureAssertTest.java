package io.econtext.testkit.assertj;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static io.econtext.testkit.assertj.EcontextAssertions.assertThatThrownBy;

import io.econtext.Context;
import io.econtext.testkit.OutputCapture;
import io.econtext.testkit.StubContext;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@EcontextTest
class OutputCaptureAssertTest {
    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void waitsForLinesThatAContextPrints(@LocalContext(name = "printer") Context c, OutputCapture output) {
        c.callNoReply(() -> {
            System.out.println("to stdout");
            System.err.println("to stderr");
        });

        assertThat(output).hasStdoutLine(c, "to stdout").hasStderrLine(c, "to stderr");
        assertThat(output.stdout(c)).containsExactly("to stdout");
        assertThat(output.stderr(c)).containsExactly("to stderr");
    }

    @Test
    void listsTheLinesItSawWhenTheExpectedOneDoesNotCome() {
        Context c = StubContext.named("printer");
        OutputCapture output = new OutputCapture();
        output.line(c, OutputCapture.STDOUT, "first");
        output.line(c, OutputCapture.STDOUT, "second");
        output.line(c, OutputCapture.STDERR, "expected line");

        assertThatThrownBy(() -> assertThat(output).within(SHORT).hasStdoutLine(c, "expected line"))
                .isInstanceOf(AssertionError.class)
                .hasMessage(String.format("Expecting context 'printer' to print the stdout line%n  \"expected line\"%n"
                        + "within 100 ms, but its stdout lines were:%n  \"first\"%n  \"second\""));
    }

    @Test
    void saysSoWhenTheContextPrintedNothingOnTheStream() {
        Context c = StubContext.named("printer");
        OutputCapture output = new OutputCapture();
        output.line(c, OutputCapture.STDOUT, "only stdout");

        assertThatThrownBy(() -> assertThat(output).within(SHORT).hasStderrLine(c, "only stdout"))
                .hasMessageEndingWith("within 100 ms, but it printed nothing on stderr");
    }

    @Test
    void passesEachLineOnWhenForwarding() {
        Context c = StubContext.named("printer");
        List<String> forwarded = new ArrayList<>();
        OutputCapture output = OutputCapture.forwardingTo((ctx, stream, line) -> forwarded.add(stream + " " + line));

        output.line(c, OutputCapture.STDERR, "warning");

        assertThat(forwarded).containsExactly("stderr warning");
        assertThat(output).within(Duration.ZERO).hasStderrLine(c, "warning");
    }
}
