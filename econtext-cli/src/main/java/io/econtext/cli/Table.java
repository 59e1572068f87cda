package io.econtext.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text table with aligned columns: text columns left-aligned, numeric ones right-aligned.
 *
 * <pre>{@code
 * Table t = new Table(List.of("hop", "name"), List.of(true, false));
 * t.add(List.of("1", "local-1"));
 * t.print(out);
 * }</pre>
 */
public final class Table {
    private static final String GAP = "  ";

    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header the column titles
     * @param rightAligned per column, whether it is right-aligned (numbers)
     */
    public Table(List<String> header, List<Boolean> rightAligned) {
        if (header.size() != rightAligned.size()) {
            throw new IllegalArgumentException(
                    "rightAligned : " + rightAligned.size() + " entries (expected: " + header.size() + ")");
        }
        this.header = List.copyOf(header);
        this.rightAligned = List.copyOf(rightAligned);
    }

    public void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row : " + row.size() + " cells (expected: " + header.size() + ")");
        }
        rows.add(List.copyOf(row));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the header and every row, then flushes. */
    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(out, header, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                line.append(GAP);
            }
            line.append(rightAligned.get(c) ? pad + cell : cell + pad);
        }
        out.println(line.toString().stripTrailing());
    }
}
