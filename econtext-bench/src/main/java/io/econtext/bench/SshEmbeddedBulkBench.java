package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.util.Locale;

/**
 * "ssh clients, 1 host": bulk bytes each way over one embedded hop in 1 MiB arrays (master→child: pipelined calls,
 * child→master: a {@link io.econtext.Sender} the child loops sending to), against the same bytes through a bare OpenSSH
 * session: {@code ssh ... HOST 'cat > /dev/null'} fed from here, and {@code ssh ... HOST head -c N /dev/zero} (the
 * baseline of the OpenSSH bulk row). Information: the issue sets no bar for it.
 */
final class SshEmbeddedBulkBench implements Bench {
    private static final int CHUNK = 1 << 20;
    private final SshSetup setup;

    SshEmbeddedBulkBench(SshSetup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "ssh clients, 1 host: embedded bulk master→child / child→master";
    }

    @Override
    public String bar() {
        return Report.INFO;
    }

    @Override
    public void run(Report report) throws Exception {
        int chunks = setup.scale(32, 256);
        int rounds = setup.scale(1, 3);
        long bytes = (long) CHUNK * chunks;
        SshSpec openssh = SshFleetRuns.clientSpec(setup, SshClientKind.OPENSSH);
        BareCommand sink = BareCommand.overSsh(openssh, SshPipes.SINK);
        BareCommand source = BareCommand.overSsh(openssh, "head -c " + bytes + " /dev/zero");
        BareCommand warmSource = BareCommand.overSsh(openssh, "head -c " + bytes / 4 + " /dev/zero");
        long[] pipeDown = new long[rounds];
        long[] pipeUp = new long[rounds];
        long[] down = new long[rounds];
        long[] up = new long[rounds];
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(SshFleetRuns.clientSpec(setup, SshClientKind.EMBEDDED));
            BulkBench.toChild(c, chunks / 4);
            BulkBench.toMaster(router, c, chunks / 4);
            SshPipes.upload(sink, bytes / 4);
            SshPipes.download(warmSource, bytes / 4);
            for (int r = 0; r < rounds; r++) {
                pipeDown[r] = SshPipes.upload(sink, bytes);
                down[r] = BulkBench.toChild(c, chunks);
                pipeUp[r] = SshPipes.download(source, bytes);
                up[r] = BulkBench.toMaster(router, c, chunks);
            }
        }
        double downRate = Stats.mbPerSecond(bytes, Stats.median(down));
        double upRate = Stats.mbPerSecond(bytes, Stats.median(up));
        double pipeDownRate = Stats.mbPerSecond(bytes, Stats.median(pipeDown));
        double pipeUpRate = Stats.mbPerSecond(bytes, Stats.median(pipeUp));
        report.info(
                this,
                String.format(Locale.ROOT, "%.0f / %.0f MB/s", downRate, upRate),
                String.format(Locale.ROOT, "%.0f / %.0f MB/s", pipeDownRate, pipeUpRate),
                Stats.ratio(downRate / pipeDownRate) + " / " + Stats.ratio(upRate / pipeUpRate));
        report.note("ssh clients, embedded bulk: " + chunks + " MiB each way in 1 MiB arrays, median of " + rounds
                + " after one warm-up of a quarter; baseline: `" + sink + "` fed from here and `ssh ... HOST head -c "
                + bytes + " /dev/zero`, OpenSSH client, first byte to last");
    }
}
