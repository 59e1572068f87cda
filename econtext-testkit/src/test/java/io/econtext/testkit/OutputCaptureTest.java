package io.econtext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {
    private final OutputCapture output = new OutputCapture();
    private final Context a = StubContext.named("a");
    private final Context b = StubContext.named("b");

    @Test
    void keepsLinesApartByContextAndStream() {
        output.line(a, OutputCapture.STDOUT, "a out");
        output.line(a, OutputCapture.STDERR, "a err");
        output.line(b, OutputCapture.STDOUT, "b out");
        output.line(a, OutputCapture.STDOUT, "a out 2");

        assertThat(output.stdout(a)).containsExactly("a out", "a out 2");
        assertThat(output.stderr(a)).containsExactly("a err");
        assertThat(output.lines(b, OutputCapture.STDOUT)).containsExactly("b out");
        assertThat(output.stderr(b)).isEmpty();
    }

    @Test
    void awaitLineReturnsOnceALateLineArrives() throws Exception {
        CompletableFuture.runAsync(
                () -> output.line(a, OutputCapture.STDOUT, "late"),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        assertThat(output.awaitLine(a, OutputCapture.STDOUT, "late"::equals, Duration.ofSeconds(10)))
                .isTrue();
    }

    @Test
    void awaitLineGivesUpAfterTheBound() throws Exception {
        output.line(a, OutputCapture.STDERR, "late");

        assertThat(output.awaitLine(a, OutputCapture.STDOUT, "late"::equals, Duration.ofMillis(50)))
                .isFalse();
    }

    @Test
    void clearForgetsEveryLine() {
        output.line(a, OutputCapture.STDOUT, "before");

        output.clear();

        assertThat(output.stdout(a)).isEmpty();
    }
}
