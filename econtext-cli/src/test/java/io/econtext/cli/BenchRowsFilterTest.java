package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code econtext bench --rows} runs only the rows it names. */
class BenchRowsFilterTest {
    @Test
    void runsOnlyTheRowsWhoseLabelContainsWhatWasGiven() {
        MainRunner.Result r = MainRunner.run("bench", "--quick", "--rows", "wire bytes");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wire bytes: boot + first call").doesNotContain("round trip");
    }

    @Test
    void aFilterThatMatchesNoRowIsAUsageError() {
        MainRunner.Result r = MainRunner.run("bench", "--quick", "--rows", "no such row");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--rows no such row matches no row");
    }
}
