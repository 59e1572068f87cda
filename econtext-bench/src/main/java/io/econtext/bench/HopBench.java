package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;

/** Row 7: round trip to the third hop of a local chain, against the first hop, measured in alternating blocks. */
final class HopBench implements Bench {
    private static final long BAR_NANOS = 100_000;
    private static final int BLOCK = 500;
    private final Setup setup;

    HopBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "3rd-hop round trip (median)";
    }

    @Override
    public String bar() {
        return "median ≤ 100 µs";
    }

    @Override
    public void run(Report report) throws Exception {
        int warmup = setup.scale(1_000, 20_000);
        int blocks = setup.scale(4, 40);
        long[] first = new long[blocks * BLOCK];
        long[] third = new long[blocks * BLOCK];
        String policy;
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(setup.spec());
            Context b = router.connect(setup.spec().via(a));
            Context c = router.connect(setup.spec().via(b));
            policy = c.call(Remote.schedulingPolicy());
            RttBench.measure(a, warmup, 1);
            RttBench.measure(c, warmup, 1);
            for (int k = 0; k < blocks; k++) {
                System.arraycopy(RttBench.measure(a, 0, BLOCK), 0, first, k * BLOCK, BLOCK);
                System.arraycopy(RttBench.measure(c, 0, BLOCK), 0, third, k * BLOCK, BLOCK);
            }
        }
        long value = Stats.median(third);
        long baseline = Stats.median(first);
        report.add(
                this,
                Stats.micros(value),
                Stats.micros(baseline),
                Stats.ratio((double) value / baseline),
                value <= BAR_NANOS);
        report.note("3rd hop: " + third.length + " calls to each of hop 1 (baseline) and hop 3, in blocks of " + BLOCK
                + ", after " + warmup + " warm-up; the children ran under " + policy + " (CpuScheduling.BATCH, the"
                + " default: a waking relay thread does not preempt the one that woke it)");
    }
}
