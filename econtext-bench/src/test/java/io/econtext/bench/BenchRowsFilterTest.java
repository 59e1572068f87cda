package io.econtext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code econtext bench} as the command line runs it: found on the class path; {@code --rows} runs only some rows. */
class BenchRowsFilterTest {
    @Test
    void theEcontextCommandListsBench() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int rc = Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^ +bench +Print the benchmark report");
    }

    @Test
    void runsOnlyTheRowsWhoseLabelContainsWhatWasGiven() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int rc = Main.run(
                new String[] {"bench", "--quick", "--rows", "wire bytes"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("wire bytes: boot + first call")
                .doesNotContain("round trip");
    }

    @Test
    void aFilterThatMatchesNoRowIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int rc = Main.run(
                new String[] {"bench", "--quick", "--rows", "no such row"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rows no such row matches no row");
    }
}
