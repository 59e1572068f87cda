package io.econtext.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Samples the master's resources while the soak runs: heap used right after a {@code System.gc()} (what is live, not
 * what is garbage yet), live threads and open file descriptors ({@code /proc/self/fd}), and the calls done so far.
 * {@link #flat} judges a series flat when, after the warm-up (the first fifth of the samples), the median of its last
 * quarter exceeds the median of its first quarter by at most an allowance.
 *
 * <p>Threads: {@link #sample} on the sampling thread; the rest once sampling is over.
 */
final class SoakSampler {
    /** Fewer samples after the warm-up than this cannot show a trend. */
    static final int MIN_JUDGED = 8;

    /** One sample; {@code nanos} since the soak started. */
    record Sample(long nanos, long heapBytes, long threads, long fds, long outcomes, int outstanding) {}

    /** A series judged: the medians compared, and whether the last stayed within the allowance of the first. */
    record Verdict(long first, long last, int judged, boolean flat) {}

    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();

    SoakSampler(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Takes one sample (a full GC first). */
    synchronized void sample(long outcomes, int outstanding) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        samples.add(new Sample(System.nanoTime() - startNanos, heap, threads, openFds(), outcomes, outstanding));
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Judges {@code series}: flat when its last-quarter median ≤ its first-quarter median + {@code allowance}. */
    synchronized Verdict flat(ToLongFunction<Sample> series, ToLongFunction<Long> allowance) {
        int warmUp = Math.max(1, samples.size() / 5);
        List<Sample> judged = samples.subList(Math.min(warmUp, samples.size()), samples.size());
        if (judged.size() < MIN_JUDGED) {
            return new Verdict(0, 0, judged.size(), false);
        }
        int quarter = judged.size() / 4;
        long first = median(judged.subList(0, quarter), series);
        long last = median(judged.subList(judged.size() - quarter, judged.size()), series);
        return new Verdict(first, last, judged.size(), last <= first + allowance.applyAsLong(first));
    }

    private static long median(List<Sample> samples, ToLongFunction<Sample> series) {
        return Stats.median(samples.stream().mapToLong(series).toArray());
    }

    static long openFds() throws IOException {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path ignored : fds) {
                n++;
            }
        }
        return n - 1; // the directory stream's own
    }
}
