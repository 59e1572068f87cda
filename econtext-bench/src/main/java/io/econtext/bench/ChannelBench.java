package io.econtext.bench;

import io.econtext.ChannelWindow;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Channel throughput with flow control: a child sends 64 KiB arrays into a receiver of the master that takes them as
 * fast as it can, through 1 hop and from the third hop ({@code master→a→b→c}), with the default window (1,024
 * values / 4 MiB). Baseline: the same bytes through {@code cat} in this run; the bar leaves room for the per-value cost (64 KiB
 * values: 16 times the values of the bulk row's 1 MiB arrays) and, through 3 hops, for two more JVMs that each read
 * and write every byte. A note gives the rate of 1 KiB values (values/s: per-value cost, where the window's credit
 * messages would show).
 */
final class ChannelBench implements Bench {
    /** Measured on 2 busy cores: 0.47-0.80x with the window, 0.39-0.76x before it (no flow control). */
    private static final double BAR_ONE_HOP = 0.35;
    /** Measured on 2 busy cores: 0.13-0.26x with the window, 0.18-0.28x before it; 4 JVMs share the 2 cores. */
    private static final double BAR_THREE_HOPS = 0.10;

    private static final int CHUNK = 64 * 1024;
    private static final int SMALL = 1024;
    private final Setup setup;

    ChannelBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "channel child→master, 1 hop / 3 hops";
    }

    @Override
    public String bar() {
        return "≥ " + Stats.ratio(BAR_ONE_HOP) + " / " + Stats.ratio(BAR_THREE_HOPS);
    }

    @Override
    public void run(Report report) throws Exception {
        int chunks = setup.scale(512, 4096);
        int smalls = setup.scale(20_000, 200_000);
        int rounds = setup.scale(1, 3);
        long bytes = (long) CHUNK * chunks;
        long[] pipe = new long[rounds];
        long[] one = new long[rounds];
        long[] three = new long[rounds];
        long[] oneSmall = new long[rounds];
        long[] threeSmall = new long[rounds];
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(setup.spec());
            Context b = router.connect(setup.spec().via(a));
            Context c = router.connect(setup.spec().via(b));
            for (int w = 0; w < 3; w++) { // the JIT of all four JVMs
                toMaster(router, a, CHUNK, chunks);
                toMaster(router, c, CHUNK, chunks);
                toMaster(router, a, SMALL, smalls);
                toMaster(router, c, SMALL, smalls);
            }
            for (int r = 0; r < rounds; r++) {
                pipe[r] = Pipes.catThroughput(CHUNK, chunks);
                one[r] = toMaster(router, a, CHUNK, chunks);
                three[r] = toMaster(router, c, CHUNK, chunks);
                oneSmall[r] = toMaster(router, a, SMALL, smalls);
                threeSmall[r] = toMaster(router, c, SMALL, smalls);
            }
        }
        double pipeRate = Stats.mbPerSecond(bytes, Stats.median(pipe));
        double oneRate = Stats.mbPerSecond(bytes, Stats.median(one));
        double threeRate = Stats.mbPerSecond(bytes, Stats.median(three));
        double oneRatio = oneRate / pipeRate;
        double threeRatio = threeRate / pipeRate;
        report.add(
                this,
                String.format(
                        Locale.ROOT,
                        "%.0f MB/s, %s values/s / %.0f MB/s, %s values/s",
                        oneRate,
                        Stats.count(chunks * 1e9 / Stats.median(one)),
                        threeRate,
                        Stats.count(chunks * 1e9 / Stats.median(three))),
                String.format(Locale.ROOT, "%.0f MB/s", pipeRate),
                Stats.ratio(oneRatio) + " / " + Stats.ratio(threeRatio),
                oneRatio >= BAR_ONE_HOP && threeRatio >= BAR_THREE_HOPS);
        report.note(String.format(
                Locale.ROOT,
                "channel: %d arrays of 64 KiB per round, median of %d after 3 warm-up rounds, default window; 1 KiB"
                        + " values: %s values/s (%.0f MB/s) through 1 hop, %s values/s (%.0f MB/s) from the 3rd hop",
                chunks,
                rounds,
                Stats.count(smalls * 1e9 / Stats.median(oneSmall)),
                Stats.mbPerSecond((long) SMALL * smalls, Stats.median(oneSmall)),
                Stats.count(smalls * 1e9 / Stats.median(threeSmall)),
                Stats.mbPerSecond((long) SMALL * smalls, Stats.median(threeSmall))));
    }

    /** Has {@code c} send {@code count} arrays of {@code size} bytes here; returns the nanoseconds until all arrived. */
    private static long toMaster(Router router, Context c, int size, int count) throws Exception {
        return toMaster(router, c, size, count, ChannelWindow.DEFAULT);
    }

    static long toMaster(Router router, Context c, int size, int count, ChannelWindow window) throws Exception {
        long expected = (long) size * count;
        try (Receiver<byte[]> in = router.newReceiver(window)) {
            long t0 = System.nanoTime();
            CompletableFuture<Long> sent = c.callAsync(Remote.produce(in.sender(), size, count));
            long got = 0;
            long idleSince = System.nanoTime();
            while (got < expected) {
                Optional<byte[]> v = in.poll(Duration.ofMillis(200));
                if (v.isPresent()) {
                    got += v.get().length;
                    idleSince = System.nanoTime();
                } else if (sent.isCompletedExceptionally()) {
                    sent.join(); // throws the child's failure
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(60)) {
                    throw new TimeoutException("no channel values from the child for 60 s");
                }
            }
            long t = System.nanoTime() - t0;
            long n = sent.get(60, TimeUnit.SECONDS);
            if (n != expected) {
                throw new IllegalStateException("the child sent " + n + " bytes (expected " + expected + ")");
            }
            return t;
        }
    }
}
