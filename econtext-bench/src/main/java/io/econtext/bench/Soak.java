package io.econtext.bench;

import io.econtext.CallOptions;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.LocalSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code econtext bench --soak}: boots {@value #CONTEXTS} local contexts, drives calls at them ({@link SoakLanes})
 * while one is killed and booted again and one is stopped and resumed ({@link SoakChaos}), checks every outcome
 * ({@link SoakLedger}), samples the master's heap, threads and fds ({@link SoakSampler}), and reports it all
 * ({@link SoakReport}).
 *
 * <pre>
 *   slots 0-7  steady     ordered + concurrent + deadline calls, channels
 *   slot 8     stopped    the same; SIGSTOP 1-3 s, then SIGCONT, every few seconds
 *   slot 9     killed     the same but channels; SIGKILL, noticed, booted again, every few seconds
 * </pre>
 *
 * <p>Threads: one per lane (10 ordered, 3 unordered, 1 deadline, 1 channel), the killer, the stopper, a sampler and a
 * watchdog (lost calls, unasked deaths, progress); all daemons, all joined (bounded) before the router closes.
 */
final class Soak {
    static final int CONTEXTS = 10;
    private static final long JOIN_MILLIS = SoakLedger.LOST_AFTER_NANOS / 1_000_000 + 15_000;

    private final LocalSpec spec;
    private final long calls;
    private final Duration duration;
    private final PrintWriter progress;

    /**
     * @param spec how every context is booted (its name is the soak's)
     * @param progress where a line of progress goes every 10 s
     */
    Soak(LocalSpec spec, long calls, Duration duration, PrintWriter progress) {
        this.spec = spec;
        this.calls = calls;
        this.duration = duration;
        this.progress = progress;
    }

    /** Runs the soak and returns its report; throws when it could not run (a context did not boot). */
    String run() throws Exception {
        Quiet.logging();
        SoakLedger ledger = new SoakLedger();
        Report report = new Report();
        long killEvery = clamp(duration.toMillis() / 8, 2_000, 5_000);
        long stopEvery = clamp(duration.toMillis() / 5, 4_000, 6_000);
        long sampleEvery = clamp(duration.toMillis() / 60, 1_000, 5_000);
        SoakReport.Figures f;
        long threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long fdsBefore = SoakSampler.openFds();
        try (Router router = Econtext.newRouter()) {
            List<SoakSlot> slots = new ArrayList<>();
            for (int i = 0; i < CONTEXTS; i++) {
                SoakSlot.Role role = i == CONTEXTS - 1
                        ? SoakSlot.Role.KILLED
                        : i == CONTEXTS - 2 ? SoakSlot.Role.STOPPED : SoakSlot.Role.STEADY;
                slots.add(new SoakSlot(i, role, router, spec));
            }
            long bootNanos = boot(slots);
            progress.println("soak: " + CONTEXTS + " contexts booted in " + Stats.seconds(bootNanos) + "; running "
                    + Stats.count(calls) + " calls or " + duration.toSeconds() + " s …");
            progress.flush();

            long start = System.nanoTime();
            SoakBudget budget = new SoakBudget(calls, duration.toNanos());
            SoakLanes lanes = new SoakLanes(router, slots, budget, ledger);
            SoakChaos chaos = new SoakChaos(slots, budget, ledger, killEvery, stopEvery);
            SoakSampler samples = new SoakSampler(start);
            List<Thread> traffic = new ArrayList<>();
            for (SoakSlot s : slots) {
                traffic.add(start("soak-ordered-" + s.index, ledger, () -> lanes.ordered(s)));
            }
            for (int i = 0; i < SoakLanes.UNORDERED_THREADS; i++) {
                traffic.add(start("soak-unordered-" + i, ledger, lanes::unordered));
            }
            traffic.add(start("soak-deadlines", ledger, lanes::deadlines));
            traffic.add(start("soak-channels", ledger, lanes::channels));
            List<Thread> chaosThreads =
                    List.of(start("soak-killer", ledger, chaos::killer), start("soak-stopper", ledger, chaos::stopper));
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = start("soak-sampler", ledger, () -> {
                while (sampling.get()) {
                    samples.sample(ledger.outcomes(), ledger.outstanding());
                    Thread.sleep(sampleEvery);
                }
            });
            Thread watchdog = start("soak-watchdog", ledger, () -> {
                long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (true) {
                    Thread.sleep(1_000);
                    ledger.declareLost();
                    chaos.revive();
                    if (System.nanoTime() - nextProgress > 0) {
                        nextProgress += TimeUnit.SECONDS.toNanos(10);
                        progress(ledger, chaos, start);
                    }
                }
            });

            while (!budget.over()) {
                Thread.sleep(100);
            }
            long stoppedMaking = System.nanoTime();
            join(traffic, "a lane", ledger);
            join(chaosThreads, "the chaos", ledger);
            long drainEnd = System.nanoTime() + SoakLedger.LOST_AFTER_NANOS + TimeUnit.SECONDS.toNanos(5);
            while (ledger.pending() > 0 && System.nanoTime() - drainEnd < 0) {
                Thread.sleep(50);
            }
            long end = System.nanoTime();
            sampling.set(false);
            join(List.of(sampler), "the sampler", ledger);
            watchdog.interrupt();
            join(List.of(watchdog), "the watchdog", ledger);
            ledger.declareLost();
            long childRepeats = childRepeats(slots, ledger);
            f = new SoakReport.Figures(
                    calls,
                    duration,
                    budget.made(),
                    budget.endedByTime(),
                    end - start,
                    stoppedMaking - start,
                    bootNanos,
                    childRepeats,
                    killEvery,
                    stopEvery,
                    sampleEvery,
                    ledger,
                    chaos,
                    samples);
        }
        long threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        return new SoakReport(
                        f, new long[] {threadsBefore, fdsBefore}, new long[] {threadsAfter, SoakSampler.openFds()})
                .write(report);
    }

    /** Boots every slot in parallel; returns the nanoseconds it took. */
    private static long boot(List<SoakSlot> slots) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(slots.size());
        try {
            List<CompletableFuture<SoakSlot.Instance>> boots = new ArrayList<>();
            for (SoakSlot s : slots) {
                boots.add(CompletableFuture.supplyAsync(s::reboot, pool));
            }
            for (CompletableFuture<SoakSlot.Instance> b : boots) {
                b.get(120, TimeUnit.SECONDS).context.call(Probe::one); // loads the call path in the child
            }
        } finally {
            pool.shutdownNow();
        }
        return System.nanoTime() - t0;
    }

    /** Runs taken twice in the live children that their answers did not report (answers lost to a deadline). */
    private static long childRepeats(List<SoakSlot> slots, SoakLedger ledger) {
        long extra = 0;
        for (SoakSlot s : slots) {
            SoakSlot.Instance i = s.current();
            if (!i.context.isAlive()) {
                continue;
            }
            try {
                long[] runs = i.context
                        .with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(10)))
                        .call(SoakRemote.executions());
                extra += Math.max(0, runs[1] - i.flaggedRepeats.get());
            } catch (RuntimeException e) {
                ledger.problem(ledger.unexpected, 1, "asking " + i.context.name() + " what it ran failed: " + e);
            }
        }
        return extra;
    }

    private void progress(SoakLedger ledger, SoakChaos chaos, long start) {
        long t = System.nanoTime() - start;
        progress.println("soak: " + Stats.seconds(t) + ", " + Stats.count(ledger.outcomes()) + " calls done ("
                + Stats.count(ledger.outcomes() / (t / 1e9)) + "/s), " + ledger.outstanding() + " outstanding, lost "
                + ledger.lost.sum() + ", twice " + ledger.duplicated.sum() + ", wrong " + ledger.wrong.sum()
                + ", unexpected " + ledger.unexpected.sum() + "; " + chaos.kills() + " kills, " + chaos.stops()
                + " stops");
        progress.flush();
    }

    /** What a soak thread runs; its exceptions end it and count as unexpected. */
    interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, SoakLedger ledger, Body body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception | Error e) {
                        ledger.problem(ledger.unexpected, 1, "thread " + name + " failed: " + e);
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads, String what, SoakLedger ledger) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            if (t.isAlive()) {
                ledger.problem(
                        ledger.unexpected,
                        1,
                        what + " (" + t.getName() + ") still ran " + JOIN_MILLIS + " ms after" + " the soak ended: "
                                + stack(t));
            }
        }
    }

    private static String stack(Thread t) {
        StringBuilder s = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            s.append(" at ").append(e);
            if (s.length() > 600) {
                break;
            }
        }
        return s.toString();
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
