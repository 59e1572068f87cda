package io.econtext.bench;

import io.econtext.Context;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import java.util.List;
import java.util.Locale;

/**
 * Rows 10–12: one structured value per call, master→child as the argument of a call and child→master as its result,
 * side by side with a {@code byte[]} of as many wire bytes moved the same two ways in the same chain, the rounds of
 * both interleaved. Rates are megabytes of the encoded value (what crosses the pipe) and its elements per second.
 *
 * <pre>
 * row       value                                            wire bytes
 * int[1M]   0, -1, 2, -3, ...                                4 a value
 * strings   List of 1M "item-0" .. "item-999999"             8-13 a value
 * records   List of 100k Item(int, long, String, double)     a record tag, its class name, 4 components
 * </pre>
 */
final class ValueBench implements Bench {
    private static final double BAR = 0.25;
    private static final double GOAL = 0.5;
    /** Measured rounds stop early once a row took this long (a slow build must not stall the bench). */
    private static final long ROW_BUDGET_NANOS = 10_000_000_000L;

    private final Setup setup;
    private final String shape;
    private final String name;
    private final int count;

    private ValueBench(Setup setup, String shape, String name, int count) {
        this.setup = setup;
        this.shape = shape;
        this.name = name;
        this.count = count;
    }

    /** The three value rows. */
    static List<Bench> rows(Setup setup) {
        return List.of(
                new ValueBench(setup, "ints", "int[" + n(setup, 1_000_000) + "]", setup.scale(100_000, 1_000_000)),
                new ValueBench(
                        setup, "strings", "List<String> of " + n(setup, 1_000_000), setup.scale(100_000, 1_000_000)),
                new ValueBench(setup, "items", n(setup, 100_000) + " records", setup.scale(10_000, 100_000)));
    }

    private static String n(Setup setup, int full) {
        int v = setup.scale(full / 10, full);
        return v % 1_000_000 == 0 ? v / 1_000_000 + "M" : v / 1000 + "k";
    }

    @Override
    public String label() {
        return name + " master→child / child→master";
    }

    @Override
    public String bar() {
        return "≥ " + Stats.ratio(BAR) + " of byte[] each (goal " + Stats.ratio(GOAL) + ")";
    }

    @Override
    public void run(Report report) throws Exception {
        Object value = Values.build(shape, count);
        int wire = wireBytes(value);
        byte[] bytes = new byte[wire];
        System.gc(); // once: what the bench keeps is old before the first round, not copied by the collections in it
        // Steady state: the first rounds run the codec's loops before C2 compiled them and with the young generation
        // G1 started with. Then G1 grows both heaps (to ~3 GiB here, each round allocating ~100 MiB in each JVM), and
        // until every page of the grown heap was touched once, allocation pays the kernel's page faults: with 12 rounds
        // the measured rounds fell into that phase in some runs and not in others (strings 65-345 MB/s child→master
        // from run to run; 344-355 after 40).
        int warmUps = setup.scale(2, 40);
        int rounds = setup.scale(3, 7);
        long[] down = new long[rounds];
        long[] up = new long[rounds];
        long[] bytesDown = new long[rounds];
        long[] bytesUp = new long[rounds];
        int measured = 0;
        try (Chain chain = Chain.open(setup)) {
            Context c = chain.connectTarget();
            for (int w = 0; w < warmUps; w++) {
                toChild(c, value, count);
                toChild(c, bytes, wire);
                toMaster(c, shape, count);
                toMaster(c, "bytes", wire);
            }
            long start = System.nanoTime();
            while (measured < rounds && (measured == 0 || System.nanoTime() - start < ROW_BUDGET_NANOS)) {
                down[measured] = toChild(c, value, count);
                bytesDown[measured] = toChild(c, bytes, wire);
                up[measured] = toMaster(c, shape, count);
                bytesUp[measured] = toMaster(c, "bytes", wire);
                measured++;
            }
        }
        long tDown = Stats.median(java.util.Arrays.copyOf(down, measured));
        long tUp = Stats.median(java.util.Arrays.copyOf(up, measured));
        double downRate = Stats.mbPerSecond(wire, tDown);
        double upRate = Stats.mbPerSecond(wire, tUp);
        double bytesDownRate = Stats.mbPerSecond(wire, Stats.median(java.util.Arrays.copyOf(bytesDown, measured)));
        double bytesUpRate = Stats.mbPerSecond(wire, Stats.median(java.util.Arrays.copyOf(bytesUp, measured)));
        double downRatio = downRate / bytesDownRate;
        double upRatio = upRate / bytesUpRate;
        report.add(
                this,
                String.format(
                        Locale.ROOT,
                        "%.0f / %.0f MB/s, %.1f / %.1f M values/s",
                        downRate,
                        upRate,
                        count / (tDown / 1e3),
                        count / (tUp / 1e3)),
                String.format(Locale.ROOT, "%.0f / %.0f MB/s byte[]", bytesDownRate, bytesUpRate),
                Stats.ratio(downRatio) + " / " + Stats.ratio(upRatio),
                downRatio >= BAR && upRatio >= BAR);
        report.note(name + ": " + String.format(Locale.ROOT, "%.1f", wire / 1e6) + " MB on the wire a value, one call"
                + " each way (argument, result), median of " + measured + " after " + warmUps + " warm-up rounds;"
                + " baseline: a byte[] of as many bytes, the same two ways, interleaved");
    }

    /** The payload bytes of {@code value}: what a call carrying it puts on the wire, less the call's own few bytes. */
    private static int wireBytes(Object value) {
        return new ValueCodec(CodecHooks.NONE).encode(value).length;
    }

    /** One call carrying {@code value} to the child; returns its nanoseconds. */
    private static long toChild(Context c, Object value, int count) {
        long t0 = System.nanoTime();
        int got = c.call(Remote.count(value));
        long t = System.nanoTime() - t0;
        check(got, count, "the child received");
        return t;
    }

    /** One call returning the value of {@code shape} the child holds; returns its nanoseconds. */
    private static long toMaster(Context c, String shape, int count) {
        check(c.call(Remote.hold(shape, count)), count, "the child built");
        long t0 = System.nanoTime();
        Object v = c.call(Remote.held(shape));
        long t = System.nanoTime() - t0;
        check(Values.count(v), count, "the master received");
        return t;
    }

    private static void check(int got, int expected, String what) {
        if (got != expected) {
            throw new IllegalStateException(what + " " + got + " elements (expected " + expected + ")");
        }
    }
}
