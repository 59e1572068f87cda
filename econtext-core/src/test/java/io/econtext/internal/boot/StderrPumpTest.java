package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StderrPumpTest {
    @Test
    void splitsLinesLikeReadLine() throws IOException {
        assertThat(lines("one\ntwo\r\nthree\rfour\n\nlast")).containsExactly("one", "two", "three", "four", "", "last");
        assertThat(lines("")).isEmpty();
        assertThat(lines("\n")).containsExactly("");
    }

    @Test
    void handsOutALineThatNeverEndsInPiecesOfTheMaximum() throws IOException {
        String endless = "x".repeat(2 * StderrPump.MAX_LINE + 3);

        List<String> got = lines(endless + "\nnext\n");

        assertThat(got).hasSize(4);
        assertThat(got.get(0)).hasSize(StderrPump.MAX_LINE);
        assertThat(got.get(1)).hasSize(StderrPump.MAX_LINE);
        assertThat(got.get(2)).isEqualTo("xxx");
        assertThat(got.get(3)).isEqualTo("next");
    }

    private static List<String> lines(String text) throws IOException {
        StderrPump.Lines lines = new StderrPump.Lines(new StringReader(text));
        List<String> out = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            out.add(line);
        }
        return out;
    }
}
