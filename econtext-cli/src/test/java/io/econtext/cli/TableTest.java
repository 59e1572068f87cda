package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsTextLeftAndNumbersRight() {
        Table t = new Table(List.of("n", "name", "ms"), List.of(true, false, true));
        t.add(List.of("1", "local-1", "5"));
        t.add(List.of("12", "x", "1234"));

        assertThat(print(t)).isEqualTo(" n  name       ms\n 1  local-1     5\n12  x        1234\n");
    }

    @Test
    void rejectsARowOfTheWrongWidth() {
        Table t = new Table(List.of("a", "b"), List.of(false, false));

        assertThatThrownBy(() -> t.add(List.of("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row : 1 cells (expected: 2)");
    }

    private static String print(Table t) {
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s));
        return s.toString().replace(System.lineSeparator(), "\n");
    }
}
