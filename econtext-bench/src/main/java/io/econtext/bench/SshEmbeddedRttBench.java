package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.util.Arrays;

/**
 * "ssh clients, 1 host": sequential round trips over one embedded hop, against the same over one OpenSSH hop (both
 * booted from this JVM to the first ssh hop, measured in alternating blocks) and against 16 bytes echoed by a bare
 * {@code ssh ... HOST cat}, the baseline of the OpenSSH round-trip row. Bar: at most 1.2 times the OpenSSH client's.
 */
final class SshEmbeddedRttBench implements Bench {
    private static final double BAR = 1.2;
    private static final int BLOCKS = 4;
    private final SshSetup setup;

    SshEmbeddedRttBench(SshSetup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "ssh clients, 1 host: embedded round trip (median, p99)";
    }

    @Override
    public String bar() {
        return "≤ " + Stats.ratio(BAR) + " openssh";
    }

    @Override
    public void run(Report report) throws Exception {
        int warmup = setup.scale(500, 5_000);
        int block = setup.scale(1_000, 10_000) / BLOCKS;
        SshSpec openssh = SshFleetRuns.clientSpec(setup, SshClientKind.OPENSSH);
        long[] embeddedTimes = new long[0];
        long[] opensshTimes = new long[0];
        try (Router router = Econtext.newRouter()) {
            Context e = router.connect(SshFleetRuns.clientSpec(setup, SshClientKind.EMBEDDED));
            Context o = router.connect(openssh);
            RttBench.measure(e, warmup, 1);
            RttBench.measure(o, warmup, 1);
            for (int b = 0; b < BLOCKS; b++) {
                embeddedTimes = concat(embeddedTimes, RttBench.measure(e, 0, block));
                opensshTimes = concat(opensshTimes, RttBench.measure(o, 0, block));
            }
        }
        BareCommand argv = BareCommand.overSsh(openssh, "cat");
        long[] echo = SshPipes.echo(argv, warmup, block * BLOCKS);
        long median = Stats.median(embeddedTimes);
        long viaOpenssh = Stats.median(opensshTimes);
        long cat = Stats.median(echo);
        report.add(
                this,
                Stats.micros(median) + ", p99 " + Stats.micros(Stats.percentile(embeddedTimes, 99)),
                "openssh " + Stats.micros(viaOpenssh) + ", `ssh cat` " + Stats.micros(cat),
                Stats.ratio((double) median / viaOpenssh) + " / " + Stats.ratio((double) median / cat),
                median <= BAR * viaOpenssh);
        report.note("ssh clients, embedded round trip: " + BLOCKS + " blocks of " + block + " calls over each client"
                + " (one hop, booted from this JVM), alternating, after " + warmup + " warm-up each; the OpenSSH"
                + " client's p99 " + Stats.micros(Stats.percentile(opensshTimes, 99)) + "; `ssh cat`: 16 bytes echoed"
                + " by `" + argv + "`");
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
