package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * "ssh clients, 1 host": sequential round trips over one embedded hop, against the same over one OpenSSH hop (a few
 * contexts of each, booted from this JVM to the first ssh hop, measured in turns) and against 16 bytes echoed by a bare
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
        // contexts per client: over ssh a context's round trip settles at one of two levels here (measured: 150-200
        // or 430-520 µs, for either client), so one context per client decides nothing
        int contexts = setup.scale(3, 5);
        int warmup = setup.scale(500, 5_000);
        int block = setup.scale(1_000, 10_000) / BLOCKS / contexts;
        SshSpec openssh = SshFleetRuns.clientSpec(setup, SshClientKind.OPENSSH);
        SshSpec embedded = SshFleetRuns.clientSpec(setup, SshClientKind.EMBEDDED);
        long[][] embeddedTimes = new long[contexts][0];
        long[][] opensshTimes = new long[contexts][0];
        try (Router router = Econtext.newRouter()) {
            List<Context> e = new ArrayList<>();
            List<Context> o = new ArrayList<>();
            for (int i = 0; i < contexts; i++) {
                e.add(router.connect(embedded));
                o.add(router.connect(openssh));
                RttBench.measure(e.get(i), warmup, 1);
                RttBench.measure(o.get(i), warmup, 1);
            }
            for (int b = 0; b < BLOCKS; b++) {
                for (int i = 0; i < contexts; i++) {
                    embeddedTimes[i] = concat(embeddedTimes[i], RttBench.measure(e.get(i), 0, block));
                    opensshTimes[i] = concat(opensshTimes[i], RttBench.measure(o.get(i), 0, block));
                }
            }
        }
        BareCommand argv = BareCommand.overSsh(openssh, "cat");
        long[] echo = SshPipes.echo(argv, warmup, block * BLOCKS * contexts);
        long[] embeddedAll = all(embeddedTimes);
        long[] opensshAll = all(opensshTimes);
        long median = Stats.median(embeddedAll);
        long viaOpenssh = Stats.median(opensshAll);
        long cat = Stats.median(echo);
        report.add(
                this,
                Stats.micros(median) + ", p99 " + Stats.micros(Stats.percentile(embeddedAll, 99)),
                "openssh " + Stats.micros(viaOpenssh) + ", `ssh cat` " + Stats.micros(cat),
                Stats.ratio((double) median / viaOpenssh) + " / " + Stats.ratio((double) median / cat),
                median <= BAR * viaOpenssh);
        report.note("ssh clients, embedded round trip: " + contexts + " contexts over each client (one hop each, booted"
                + " from this JVM), " + BLOCKS + " rounds of " + block + " calls to each in turn, after " + warmup
                + " warm-up each; medians per context: embedded " + medians(embeddedTimes) + ", openssh "
                + medians(opensshTimes) + "; the OpenSSH client's p99 " + Stats.micros(Stats.percentile(opensshAll, 99))
                + "; `ssh cat`: 16 bytes echoed by `" + argv + "`");
    }

    private static String medians(long[][] times) {
        List<String> shown = new ArrayList<>();
        for (long[] t : times) {
            shown.add(Stats.micros(Stats.median(t)));
        }
        return String.join(" / ", shown);
    }

    private static long[] all(long[][] times) {
        long[] all = new long[0];
        for (long[] t : times) {
            all = concat(all, t);
        }
        return all;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
