package io.econtext.bench;

import io.econtext.Context;
import java.util.Locale;

/**
 * ssh row 4: bulk bytes child→master over the first ssh hop in 1 MiB arrays (a {@link io.econtext.Sender} the child
 * loops sending to), against the same number of bytes produced by {@code head -c N /dev/zero} through a bare {@code
 * ssh} with the same options.
 */
final class SshBulkBench implements Bench {
    private static final double BAR = 0.5;
    private static final int CHUNK = 1 << 20;
    private final SshSetup setup;

    SshBulkBench(SshSetup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "ssh bulk child→master";
    }

    @Override
    public String bar() {
        return "≥ " + Stats.ratio(BAR);
    }

    @Override
    public void run(Report report) throws Exception {
        int chunks = setup.scale(32, 256);
        int rounds = setup.scale(1, 3);
        long bytes = (long) CHUNK * chunks;
        BareCommand argv = BareCommand.overSsh(setup.firstSshSpec(), "head -c " + bytes + " /dev/zero");
        BareCommand warm = BareCommand.overSsh(setup.firstSshSpec(), "head -c " + bytes / 4 + " /dev/zero");
        long[] pipe = new long[rounds];
        long[] up = new long[rounds];
        try (SshChain chain = SshChain.open(setup, setup.firstSsh() + 1)) {
            Context c = chain.hop(setup.firstSsh());
            BulkBench.toMaster(chain.router(), c, chunks / 4);
            SshPipes.download(warm, bytes / 4);
            for (int r = 0; r < rounds; r++) {
                pipe[r] = SshPipes.download(argv, bytes);
                up[r] = BulkBench.toMaster(chain.router(), c, chunks);
            }
        }
        double pipeRate = Stats.mbPerSecond(bytes, Stats.median(pipe));
        double upRate = Stats.mbPerSecond(bytes, Stats.median(up));
        double ratio = upRate / pipeRate;
        report.add(
                this,
                String.format(Locale.ROOT, "%.0f MB/s", upRate),
                String.format(Locale.ROOT, "%.0f MB/s", pipeRate),
                Stats.ratio(ratio),
                ratio >= BAR);
        report.note("ssh bulk: " + chunks + " MiB child→master over hop " + (setup.firstSsh() + 1) + " in 1 MiB arrays,"
                + " median of " + rounds + "; baseline: `ssh ... HOST head -c " + bytes + " /dev/zero`, first byte to"
                + " last");
    }
}
