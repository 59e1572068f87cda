package io.econtext.bench;

import java.util.ArrayList;
import java.util.List;

/** The rows and notes of a bench run, formatted as an aligned table. */
final class Report {
    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String NONE = "—";
    /** The bar and result of a row that is information only. */
    static final String INFO = "info";

    private static final String[] HEADER = {"row", "value", "baseline", "ratio", "bar", "result"};

    /** One line of the table; {@link #NONE} where a column does not apply. */
    record Row(String label, String value, String baseline, String ratio, String bar, String result) {
        String[] cells() {
            return new String[] {label, value, baseline, ratio, bar, result};
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Bench bench, String value, String baseline, String ratio, boolean pass) {
        rows.add(new Row(bench.label(), value, baseline, ratio, bench.bar(), pass ? PASS : FAIL));
    }

    /** A row that no {@link Bench} stands for (the soak's). */
    void add(String label, String value, String baseline, String ratio, String bar, boolean pass) {
        rows.add(new Row(label, value, baseline, ratio, bar, pass ? PASS : FAIL));
    }

    /** A row without a bar that no {@link Bench} stands for. */
    void info(String label, String value, String baseline, String ratio) {
        rows.add(new Row(label, value, baseline, ratio, INFO, INFO));
    }

    /** A row without a bar: its result is {@link #INFO}. */
    void info(Bench bench, String value, String baseline, String ratio) {
        rows.add(new Row(bench.label(), value, baseline, ratio, bench.bar(), INFO));
    }

    /** The row of a benchmark that could not be measured: it counts as a failure. */
    void failed(Bench bench, Throwable error) {
        rows.add(new Row(bench.label(), "error", NONE, NONE, bench.bar(), FAIL));
        note(bench.label() + ": " + describe(error));
    }

    void note(String line) {
        notes.add(line);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String format(String title) {
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
        }
        for (Row r : rows) {
            String[] cells = r.cells();
            for (int c = 0; c < cells.length; c++) {
                width[c] = Math.max(width[c], cells[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(title).append('\n');
        line(s, HEADER, width);
        for (Row r : rows) {
            line(s, r.cells(), width);
        }
        if (!notes.isEmpty()) {
            s.append('\n');
            for (String n : notes) {
                s.append("  ").append(n).append('\n');
            }
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            s.append(cells[c]);
            if (c < cells.length - 1) {
                s.append(" ".repeat(width[c] - cells[c].length() + 3));
            }
        }
        s.append('\n');
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(" <- ").append(c);
        }
        return s.toString();
    }
}
