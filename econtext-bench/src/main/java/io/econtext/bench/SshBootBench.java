package io.econtext.bench;

import io.econtext.Context;
import java.util.Locale;

/**
 * ssh row 1: {@code connect} of the first ssh hop to its first call returned, against a bare {@code ssh ... HOST true}
 * with the same options, started from this JVM and interleaved with the boots.
 */
final class SshBootBench implements Bench {
    private static final long BAR_NANOS = 200_000_000;
    private final SshSetup setup;

    SshBootBench(SshSetup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "ssh boot → first call (median)";
    }

    @Override
    public String bar() {
        return "≤ +0.20 s";
    }

    @Override
    public void run(Report report) throws Exception {
        int n = setup.scale(3, 10);
        long[] boot = new long[n];
        long[] bare = new long[n];
        BareCommand argv = BareCommand.overSsh(setup.firstSshSpec(), "true");
        try (SshChain chain = SshChain.open(setup, setup.firstSsh())) {
            SshPipes.time(argv);
            bootOnce(chain); // one-time costs of the master (and of a local intermediate)
            for (int i = 0; i < n; i++) {
                bare[i] = SshPipes.time(argv);
                boot[i] = bootOnce(chain);
            }
        }
        long value = Stats.median(boot);
        long baseline = Stats.median(bare);
        long extra = value - baseline;
        report.add(
                this,
                Stats.millis(value),
                Stats.millis(baseline),
                Stats.ratio((double) value / baseline) + String.format(Locale.ROOT, ", %+.2f s", extra / 1e9),
                extra <= BAR_NANOS);
        report.note(
                "ssh boot: hop " + (setup.firstSsh() + 1) + " (" + setup.via().get(setup.firstSsh()) + "), median of "
                        + n + " after one warm-up, interleaved with as many `" + argv + "`");
    }

    private long bootOnce(SshChain chain) {
        long t0 = System.nanoTime();
        Context c = chain.connect(setup.firstSsh());
        c.call(Probe::one);
        long t = System.nanoTime() - t0;
        c.shutdown();
        return t;
    }
}
