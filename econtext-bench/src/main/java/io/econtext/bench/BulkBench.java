package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Row 4: bulk bytes in 1 MiB arrays, master→child (pipelined calls each carrying one array) and child→master (a
 * {@link io.econtext.Sender} the child loops sending to), against the same bytes pumped through {@code cat}.
 */
final class BulkBench implements Bench {
    private static final double BAR = 0.5;
    private static final int CHUNK = 1 << 20;
    private static final int WINDOW = 8;
    private static final int MAX_WARM_UPS = 6;
    private final Setup setup;

    BulkBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "bulk master→child / child→master";
    }

    @Override
    public String bar() {
        return "≥ " + Stats.ratio(BAR) + " each";
    }

    @Override
    public void run(Report report) throws Exception {
        int chunks = setup.scale(32, 256);
        int rounds = setup.scale(1, 3);
        long bytes = (long) CHUNK * chunks;
        long[] pipe = new long[rounds];
        long[] down = new long[rounds];
        long[] up = new long[rounds];
        int warmUps;
        try (Chain chain = Chain.open(setup)) {
            Context c = chain.connectTarget();
            // Warm up until the rate settles: the JIT of both JVMs needs 0.25-1 GiB (measured: the first 2-4 rounds
            // of 256 MiB master→child run at 110-580 MB/s, the later ones at 1000-1700 MB/s).
            warmUps = warmUp(() -> toChild(c, chunks)) + warmUp(() -> toMaster(chain.router(), c, chunks));
            Pipes.catThroughput(CHUNK, chunks / 4);
            for (int r = 0; r < rounds; r++) {
                pipe[r] = Pipes.catThroughput(CHUNK, chunks);
                down[r] = toChild(c, chunks);
                up[r] = toMaster(chain.router(), c, chunks);
            }
        }
        double pipeRate = Stats.mbPerSecond(bytes, Stats.median(pipe));
        double downRate = Stats.mbPerSecond(bytes, Stats.median(down));
        double upRate = Stats.mbPerSecond(bytes, Stats.median(up));
        double downRatio = downRate / pipeRate;
        double upRatio = upRate / pipeRate;
        report.add(
                this,
                String.format(Locale.ROOT, "%.0f / %.0f MB/s", downRate, upRate),
                String.format(Locale.ROOT, "%.0f MB/s", pipeRate),
                Stats.ratio(downRatio) + " / " + Stats.ratio(upRatio),
                downRatio >= BAR && upRatio >= BAR);
        report.note("bulk: " + chunks + " MiB each way in 1 MiB arrays, median of " + rounds + " after " + warmUps
                + " warm-up rounds of as many, both ways together (until a round is no longer 15% faster than the one before, at most "
                + MAX_WARM_UPS
                + " each way); baseline: the same bytes through `cat` (one writer thread, one reader thread)");
    }

    /** One timed round of a transfer. */
    private interface Round {
        long nanos() throws Exception;
    }

    /**
     * Runs {@code round} until it stops getting faster (a round no more than 15% quicker than the one before) or
     * {@link #MAX_WARM_UPS} rounds ran; returns how many ran.
     */
    private static int warmUp(Round round) throws Exception {
        long previous = round.nanos();
        int n = 1;
        while (n < MAX_WARM_UPS) {
            long t = round.nanos();
            n++;
            if (t > previous * 0.85) {
                break;
            }
            previous = t;
        }
        return n;
    }

    /** Sends {@code chunks} arrays to {@code c}, one pipelined call each; returns the nanoseconds until all returned. */
    static long toChild(Context c, int chunks) throws Exception {
        byte[] data = new byte[CHUNK];
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < chunks && failure.get() == null; i++) {
            if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new TimeoutException("no bulk call completed within 60 s");
            }
            c.callAsync(Remote.length(data)).whenComplete((n, e) -> {
                if (e == null && n != CHUNK) {
                    e = new IllegalStateException("the child received " + n + " of " + CHUNK + " bytes");
                }
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                window.release();
                done.countDown();
            });
        }
        if (failure.get() == null && !done.await(120, TimeUnit.SECONDS)) {
            throw new TimeoutException("bulk calls to the child did not complete within 120 s");
        }
        long t = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException("a bulk call failed: " + failure.get(), failure.get());
        }
        return t;
    }

    /** Has {@code c} send {@code chunks} arrays to a receiver here; returns the nanoseconds until the last arrived. */
    static long toMaster(Router router, Context c, int chunks) throws Exception {
        long expected = (long) CHUNK * chunks;
        try (Receiver<byte[]> in = router.newReceiver()) {
            long t0 = System.nanoTime();
            CompletableFuture<Long> sent = c.callAsync(Remote.produce(in.sender(), CHUNK, chunks));
            long got = 0;
            long idleSince = System.nanoTime();
            while (got < expected) {
                Optional<byte[]> b = in.poll(Duration.ofMillis(200));
                if (b.isPresent()) {
                    got += b.get().length;
                    idleSince = System.nanoTime();
                } else if (sent.isCompletedExceptionally()) {
                    sent.join(); // throws the child's failure
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(60)) {
                    throw new TimeoutException("no bulk data from the child for 60 s");
                }
            }
            long t = System.nanoTime() - t0;
            long n = sent.get(60, TimeUnit.SECONDS);
            if (n != expected || got != expected) {
                throw new IllegalStateException(
                        "the child sent " + n + " bytes, " + got + " arrived (expected " + expected + ")");
            }
            return t;
        }
    }
}
