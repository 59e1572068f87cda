package io.econtext.bench;

import io.econtext.Context;

/** Row 1: {@code connect} to the first call returned, against a bare {@link Hello} started the same way. */
final class BootBench implements Bench {
    private static final double BAR = 2.0;
    private final Setup setup;

    BootBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "local boot → first call (median)";
    }

    @Override
    public String bar() {
        return "≤ " + Stats.ratio(BAR);
    }

    @Override
    public void run(Report report) throws Exception {
        int n = setup.scale(3, 10);
        long[] boot = new long[n];
        long[] bare = new long[n];
        try (Chain chain = Chain.open(setup)) {
            setup.hello().time();
            bootOnce(chain); // the first boot in a JVM pays one-time costs of the master (and of an intermediate)
            for (int i = 0; i < n; i++) {
                bare[i] = setup.hello().time();
                boot[i] = bootOnce(chain);
            }
        }
        long value = Stats.median(boot);
        long baseline = Stats.median(bare);
        double ratio = (double) value / baseline;
        report.add(this, Stats.millis(value), Stats.millis(baseline), Stats.ratio(ratio), ratio <= BAR);
        report.note("boot: median of " + n + " after one warm-up, interleaved with as many `java -cp DIR Hello`");
    }

    private static long bootOnce(Chain chain) {
        long t0 = System.nanoTime();
        Context c = chain.connectTarget();
        c.call(Probe::one);
        long t = System.nanoTime() - t0;
        c.shutdown();
        return t;
    }
}
