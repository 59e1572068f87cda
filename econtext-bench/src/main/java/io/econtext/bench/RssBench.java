package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;

/** Row 8: a child's resident memory after its first call, against a bare Hello's peak. */
final class RssBench implements Bench {
    private static final double BAR = 1.3;
    private final Setup setup;

    RssBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "child RSS after first call";
    }

    @Override
    public String bar() {
        return "≤ " + Stats.ratio(BAR);
    }

    @Override
    public void run(Report report) throws Exception {
        int n = setup.scale(1, 3);
        long[] child = new long[n];
        long[] childPeak = new long[n];
        long[] bare = new long[n];
        try (Router router = Econtext.newRouter()) {
            for (int i = 0; i < n; i++) {
                bare[i] = setup.hello().peakRssKib();
                Context c = router.connect(setup.spec());
                c.call(Probe::one);
                child[i] = ProcStatus.kib(c.info().pid(), "VmRSS");
                childPeak[i] = ProcStatus.kib(c.info().pid(), "VmHWM");
                c.shutdown();
            }
        }
        long value = Stats.median(child);
        long baseline = Stats.median(bare);
        double ratio = (double) value / baseline;
        report.add(this, Stats.mib(value), Stats.mib(baseline), Stats.ratio(ratio), ratio <= BAR);
        report.note("RSS: child VmRSS (its VmHWM: " + Stats.mib(Stats.median(childPeak)) + "), median of " + n
                + "; baseline: Hello's VmHWM read by itself before exiting");
    }
}
