package io.econtext.bench;

import io.econtext.Context;

/** Row 2: sequential round trips with a small argument on an established context; baseline: a {@code cat} echo. */
final class RttBench implements Bench {
    private static final long BAR_NANOS = 50_000;
    private final Setup setup;

    RttBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "call round trip (median, p99)";
    }

    @Override
    public String bar() {
        return "median ≤ 50 µs";
    }

    @Override
    public void run(Report report) throws Exception {
        int warmup = setup.scale(1_000, 20_000);
        int n = setup.scale(2_000, 20_000);
        long[] t;
        try (Chain chain = Chain.open(setup)) {
            t = measure(chain.connectTarget(), warmup, n);
        }
        long[] echo = Pipes.catEcho(warmup, n);
        long median = Stats.median(t);
        long baseline = Stats.median(echo);
        report.add(
                this,
                Stats.micros(median) + ", p99 " + Stats.micros(Stats.percentile(t, 99)),
                Stats.micros(baseline),
                Stats.ratio((double) median / baseline),
                median <= BAR_NANOS);
        report.note("round trip: " + n + " calls after " + warmup + " warm-up; baseline: 16 bytes echoed by `cat`");
    }

    /** Round-trip times of {@code n} calls to {@code c}, after {@code warmup} unmeasured ones. */
    static long[] measure(Context c, int warmup, int n) {
        for (int i = 0; i < warmup; i++) {
            c.call(Remote.echo(i));
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            c.call(Remote.echo(i));
            t[i] = System.nanoTime() - t0;
        }
        return t;
    }
}
