package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Row 6: 20 local contexts booted from 20 threads, one call each, against 20 parallel Hello JVMs (wall time). */
final class FanOutBench implements Bench {
    private static final double BAR = 2.0;
    private static final int N = 20;
    private final Setup setup;

    FanOutBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return N + " parallel boots + 1 call each";
    }

    @Override
    public String bar() {
        return "≤ " + Stats.ratio(BAR);
    }

    @Override
    public void run(Report report) throws Exception {
        int rounds = setup.scale(1, 3);
        long[] bare = new long[rounds];
        long[] boot = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = setup.hello().timeParallel(N);
            boot[r] = bootParallel();
        }
        long value = Stats.median(boot);
        long baseline = Stats.median(bare);
        double ratio = (double) value / baseline;
        report.add(this, Stats.millis(value), Stats.millis(baseline), Stats.ratio(ratio), ratio <= BAR);
        report.note("fan-out: wall time, median of " + rounds + ", each with a fresh router; baseline: " + N
                + " `java -cp DIR Hello` started from " + N + " threads");
    }

    private long bootParallel() throws Exception {
        try (Router router = Econtext.newRouter()) {
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(N);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int i = 0; i < N; i++) {
                Thread t = new Thread(
                        () -> {
                            try {
                                go.await();
                                Context c = router.connect(setup.spec());
                                c.call(Probe::one);
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                done.countDown();
                            }
                        },
                        "bench-fanout-" + i);
                t.setDaemon(true);
                t.start();
            }
            long t0 = System.nanoTime();
            go.countDown();
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new TimeoutException(N + " parallel boots did not complete within 120 s");
            }
            long t = System.nanoTime() - t0;
            if (failure.get() != null) {
                throw new IllegalStateException("a parallel boot failed: " + failure.get(), failure.get());
            }
            return t;
        }
    }
}
