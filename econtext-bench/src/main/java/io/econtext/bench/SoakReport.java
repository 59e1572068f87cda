package io.econtext.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Turns a finished soak into report rows (the counts that must be 0, the flatness verdicts) and notes. */
final class SoakReport {
    /** Heap may grow by this fraction of its first-quarter median, or {@link #HEAP_SLACK_BYTES}, whichever is more. */
    static final double HEAP_SLACK = 0.25;

    static final long HEAP_SLACK_BYTES = 16L << 20;
    static final long THREAD_SLACK = 4;
    static final long FD_SLACK = 8;
    private static final int SERIES_LINES = 12;

    /** What a soak measured, and how it was set up. */
    record Figures(
            long calls,
            Duration duration,
            long made,
            boolean endedByTime,
            long elapsedNanos,
            long makingNanos,
            long bootNanos,
            long childRepeats,
            long killEveryMillis,
            long stopEveryMillis,
            long sampleEveryMillis,
            SoakLedger ledger,
            SoakChaos chaos,
            SoakSampler sampler) {}

    private final Figures f;
    private final long[] before;
    private final long[] after;

    /**
     * @param before the master's threads and fds before the soak's router opened
     * @param after the same right after it closed
     */
    SoakReport(Figures f, long[] before, long[] after) {
        this.f = f;
        this.before = before.clone();
        this.after = after.clone();
    }

    /** Adds the soak's rows and notes to {@code report} and returns it formatted. */
    String write(Report report) {
        SoakLedger l = f.ledger();
        SoakChaos c = f.chaos();
        long outcomes = l.outcomes();
        double perSecond = outcomes / (f.elapsedNanos() / 1e9);
        report.info(
                "calls",
                Stats.count(f.made()) + " in " + Stats.seconds(f.elapsedNanos()),
                Report.NONE,
                Stats.count(perSecond) + "/s");
        report.info(
                "outcomes",
                Stats.count(l.answered.sum()) + " answered, " + Stats.count(l.timeouts.sum()) + " past deadline, "
                        + Stats.count(l.disconnects.sum()) + " disconnected",
                Report.NONE,
                Report.NONE);
        report.info(
                "channels",
                Stats.count(l.streams.sum()) + " streams, " + Stats.count(l.values.sum()) + " values",
                Report.NONE,
                Report.NONE);
        report.info(
                "chaos",
                c.kills() + " × kill -9 + boot, " + c.stops() + " × SIGSTOP/SIGCONT",
                Report.NONE,
                Report.NONE);
        zero(report, "calls lost", l.lost.sum());
        zero(report, "answered twice", l.duplicated.sum() + f.childRepeats());
        zero(report, "wrong answers", l.wrong.sum());
        zero(report, "unexpected failures", l.unexpected.sum());
        flat(
                report,
                "master heap after GC",
                f.sampler()
                        .flat(
                                SoakSampler.Sample::heapBytes,
                                first -> Math.max(HEAP_SLACK_BYTES, (long) (first * HEAP_SLACK))),
                "≤ first + max(25%, 16 MiB)",
                true);
        flat(
                report,
                "master threads",
                f.sampler().flat(SoakSampler.Sample::threads, first -> THREAD_SLACK),
                "≤ first + " + THREAD_SLACK,
                false);
        flat(
                report,
                "master open fds",
                f.sampler().flat(SoakSampler.Sample::fds, first -> FD_SLACK),
                "≤ first + " + FD_SLACK,
                false);
        notes(report);
        return report.format(title());
    }

    private String title() {
        return "econtext soak — java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + Soak.CONTEXTS + " local contexts, "
                + Stats.count(f.calls()) + " calls or " + f.duration().toSeconds() + " s (ended by "
                + (f.endedByTime() ? "time" : "calls") + ")";
    }

    private void notes(Report report) {
        SoakLedger l = f.ledger();
        SoakChaos c = f.chaos();
        report.note("boot of " + Soak.CONTEXTS + " contexts in parallel: " + Stats.seconds(f.bootNanos())
                + "; calls made for " + Stats.seconds(f.makingNanos()) + ", the rest of the time waited for the"
                + " last outcomes");
        report.note("mix: per context an ordered lane (callAsync, 1 in 16 a blocking call, ≤ "
                + SoakLanes.ORDERED_WINDOW + " outstanding; the child checks each ran right after the previous);"
                + " " + SoakLanes.UNORDERED_THREADS + " threads of concurrent callAsync (≤ "
                + SoakLanes.UNORDERED_PER_SLOT + " per context, 1 in 8 with a 30 s deadline); every "
                + SoakLanes.DEADLINE_PAUSE_MILLIS + " ms a call sleeping past a 20-200 ms deadline; channels of"
                + " 100-2,000 values. Sizes each way: 90% ≤ 256 B, 9.5% 1-64 KiB, 0.5% 256 KiB-2 MiB");
        report.note("bytes: " + size(l.bytesOut.sum()) + " of arguments out, " + size(l.bytesIn.sum())
                + " of results back, " + size(l.valueBytes.sum())
                + " of channel values; every answer checked (id, order, lengths, CRC-32 both ways)");
        long[] late = l.timeoutLateness();
        if (late.length > 0) {
            report.note("calls past their deadline failed with CallTimeoutException " + Stats.millis(Stats.median(late))
                    + " after it (median), p99 " + Stats.millis(Stats.percentile(late, 99)) + ", max "
                    + Stats.millis(Stats.percentile(late, 100)));
        }
        report.note("chaos: soak-killed got kill -9 every " + f.killEveryMillis() / 1000.0 + " s: " + c.kills()
                + " kills noticed in " + percentiles(c.noticeNanos()) + ", booted again in "
                + percentiles(c.bootNanos()) + (c.bootFailures() > 0 ? ", " + c.bootFailures() + " boots failed" : "")
                + "; soak-stopped got SIGSTOP for 1-3 s every " + f.stopEveryMillis() / 1000.0 + " s: "
                + c.stops() + " stops, " + Stats.seconds(sum(c.stopNanos())) + " stopped in all"
                + (c.unaskedDeaths() > 0
                        ? "; " + c.unaskedDeaths() + " contexts died unasked and were booted again"
                        : ""));
        if (l.stoppedDisconnects.sum() > 0) {
            report.note("the stopped context was declared gone " + l.stoppedDisconnects.sum()
                    + " times (its calls failed as disconnected, counted as expected)");
        }
        if (l.lateAfterLost.sum() > 0) {
            report.note(l.lateAfterLost.sum() + " calls counted lost had an outcome later after all");
        }
        if (f.childRepeats() > 0) {
            report.note(f.childRepeats() + " requests ran twice in a child without its answer saying so");
        }
        for (String e : l.examples()) {
            report.note("problem: " + e);
        }
        report.note("master, sampled every " + f.sampleEveryMillis() / 1000.0 + " s (heap: used right after"
                + " System.gc(); the first fifth of the samples is warm-up; a row's value is the median of the last"
                + " quarter, its baseline the median of the first):");
        List<SoakSampler.Sample> samples = f.sampler().samples();
        int step = Math.max(1, (samples.size() + SERIES_LINES - 1) / SERIES_LINES);
        SoakSampler.Sample previous = null;
        for (int i = 0; i < samples.size(); i += step) {
            SoakSampler.Sample s = samples.get(i);
            report.note(series(s, previous));
            previous = s;
        }
        if (!samples.isEmpty() && previous != samples.get(samples.size() - 1)) {
            report.note(series(samples.get(samples.size() - 1), previous));
        }
        report.note("master before the soak's router opened: " + before[0] + " threads, " + before[1] + " fds; right"
                + " after it closed: " + after[0] + " threads, " + after[1] + " fds");
    }

    private static String series(SoakSampler.Sample s, SoakSampler.Sample previous) {
        double rate = previous == null
                ? s.outcomes() / Math.max(1e-9, s.nanos() / 1e9)
                : (s.outcomes() - previous.outcomes()) / Math.max(1e-9, (s.nanos() - previous.nanos()) / 1e9);
        return String.format(
                Locale.ROOT,
                "  t %6.1f s   calls %11s (%9s/s)   heap %8s   threads %4d   fds %4d   outstanding %5d",
                s.nanos() / 1e9,
                Stats.count(s.outcomes()),
                Stats.count(rate),
                Stats.mib(s.heapBytes() / 1024),
                s.threads(),
                s.fds(),
                s.outstanding());
    }

    private static void zero(Report report, String label, long count) {
        report.add(label, Stats.count(count), Report.NONE, Report.NONE, "= 0", count == 0);
    }

    private static void flat(Report report, String label, SoakSampler.Verdict v, String bar, boolean bytes) {
        if (v.judged() < SoakSampler.MIN_JUDGED) {
            report.add(
                    label,
                    "too few samples (" + v.judged() + " after warm-up; run longer)",
                    Report.NONE,
                    Report.NONE,
                    bar,
                    false);
            return;
        }
        String last = bytes ? Stats.mib(v.last() / 1024) : Long.toString(v.last());
        String first = bytes ? Stats.mib(v.first() / 1024) : Long.toString(v.first());
        String change = bytes
                ? String.format(Locale.ROOT, "%+.1f MiB", (v.last() - v.first()) / 1048576.0)
                : String.format(Locale.ROOT, "%+d", v.last() - v.first());
        report.add(label, last, first, change, bar, v.flat());
    }

    private static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "—";
        }
        return "median " + Stats.seconds(Stats.median(nanos)) + ", max " + Stats.seconds(Stats.percentile(nanos, 100));
    }

    private static String size(long bytes) {
        return bytes < 10L << 30
                ? Stats.mib(bytes / 1024)
                : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
