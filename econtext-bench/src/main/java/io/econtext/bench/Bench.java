package io.econtext.bench;

/** One row of the report: a measurement, its baseline from the same run, and the bar it is judged by. */
interface Bench {
    /** The row's name in the report. */
    String label();

    /** The bar, as printed, e.g. {@code ≤ 2.00x}. */
    String bar();

    /** Measures and adds exactly one row (and any notes) to {@code report}; throws when the row cannot be measured. */
    void run(Report report) throws Exception;
}
