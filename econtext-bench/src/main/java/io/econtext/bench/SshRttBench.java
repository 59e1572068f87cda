package io.econtext.bench;

/**
 * ssh rows 2 and 3 (information, no bar): sequential round trips with a small argument over the first ssh hop, or to
 * the last hop of the chain; baseline: 16 bytes echoed by {@code cat} through a bare {@code ssh} with the first ssh
 * hop's options.
 */
final class SshRttBench implements Bench {
    private final SshSetup setup;
    private final boolean last;

    /** @param last measure the chain's last hop instead of its first ssh hop */
    SshRttBench(SshSetup setup, boolean last) {
        this.setup = setup;
        this.last = last;
    }

    private int hop() {
        return last ? setup.via().size() - 1 : setup.firstSsh();
    }

    @Override
    public String label() {
        return (last ? "ssh chain: last hop (" : "ssh: first ssh hop (") + (hop() + 1) + " of "
                + setup.via().size() + ") round trip (median, p99)";
    }

    @Override
    public String bar() {
        return Report.INFO;
    }

    @Override
    public void run(Report report) throws Exception {
        int warmup = setup.scale(500, 5_000);
        int n = setup.scale(1_000, 10_000);
        long[] t;
        try (SshChain chain = SshChain.open(setup, hop() + 1)) {
            t = RttBench.measure(chain.hop(hop()), warmup, n);
        }
        BareCommand argv = BareCommand.overSsh(setup.firstSshSpec(), "cat");
        long[] echo = SshPipes.echo(argv, warmup, n);
        long median = Stats.median(t);
        long baseline = Stats.median(echo);
        report.info(
                this,
                Stats.micros(median) + ", p99 " + Stats.micros(Stats.percentile(t, 99)),
                Stats.micros(baseline),
                Stats.ratio((double) median / baseline));
        if (!last) {
            report.note("ssh round trip: " + n + " calls after " + warmup + " warm-up; baseline: 16 bytes echoed by"
                    + " `ssh ... HOST cat` (one ssh hop, from this JVM)");
        }
    }
}
