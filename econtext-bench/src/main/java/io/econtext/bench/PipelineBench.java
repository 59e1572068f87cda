package io.econtext.bench;

import io.econtext.Context;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Row 3: calls per second with many {@code callAsync} in flight on one context. */
final class PipelineBench implements Bench {
    private static final double BAR = 200_000;
    private static final int WINDOW = 10_000;
    private static final int WARM_UP_ROUNDS = 2;
    private final Setup setup;

    PipelineBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "pipelined calls";
    }

    @Override
    public String bar() {
        return "≥ 200,000/s";
    }

    @Override
    public void run(Report report) throws Exception {
        int n = setup.scale(20_000, 200_000);
        long t;
        try (Chain chain = Chain.open(setup)) {
            Context c = chain.connectTarget();
            // Steady state is what calls/s means: both JVMs need a few hundred thousand calls before C2 has compiled
            // the whole path (measured: 130k/s, 190k/s, then 0.7-1M/s for successive rounds of 200k).
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                pipeline(c, n);
            }
            t = pipeline(c, n);
        }
        double perSecond = n / (t / 1e9);
        report.add(this, Stats.count(perSecond) + "/s", Report.NONE, Report.NONE, perSecond >= BAR);
        report.note("pipelined: " + n + " callAsync, at most " + WINDOW + " outstanding, after " + WARM_UP_ROUNDS * n
                + " warm-up");
    }

    /** Makes {@code n} pipelined calls with at most {@link #WINDOW} outstanding; returns the nanoseconds taken. */
    static long pipeline(Context c, int n) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n && failure.get() == null; i++) {
            if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new TimeoutException("no pipelined call completed within 60 s");
            }
            c.callAsync(Remote.echo(i)).whenComplete((v, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                window.release();
                done.countDown();
            });
        }
        if (failure.get() == null && !done.await(120, TimeUnit.SECONDS)) {
            throw new TimeoutException(done.getCount() + " of " + n + " pipelined calls did not complete in 120 s");
        }
        long t = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException("a pipelined call failed: " + failure.get(), failure.get());
        }
        return t;
    }
}
