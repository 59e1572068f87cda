package io.econtext.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds of the machine: its OS threads (every thread, the JVM's own included), its resident memory and
 * its open file descriptors, read from {@code /proc/self}.
 *
 * @param threads the {@code Threads} of {@code /proc/self/status}
 * @param rssKib the {@code VmRSS} of {@code /proc/self/status}, in KiB
 * @param fds the entries of {@code /proc/self/fd}
 */
record MasterFootprint(long threads, long rssKib, long fds) {
    private static final int SETTLE_TRIES = 20;
    private static final long SETTLE_MILLIS = 100;

    /** Now, without waiting. */
    static MasterFootprint now() throws IOException {
        long pid = ProcessHandle.current().pid();
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.count() - 1; // the listing's own descriptor
        }
        return new MasterFootprint(ProcStatus.number(pid, "Threads"), ProcStatus.kib(pid, "VmRSS"), fds);
    }

    /**
     * After a garbage collection, once the thread count held still for {@value #SETTLE_MILLIS} ms (at most {@value
     * #SETTLE_TRIES} tries): threads of a router closed just before (its loops, its ssh clients) are gone by then.
     */
    static MasterFootprint settled() throws IOException, InterruptedException {
        System.gc();
        MasterFootprint last = now();
        for (int i = 0; i < SETTLE_TRIES; i++) {
            Thread.sleep(SETTLE_MILLIS);
            MasterFootprint next = now();
            if (next.threads == last.threads) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /** What this one holds beyond {@code before}. */
    MasterFootprint minus(MasterFootprint before) {
        return new MasterFootprint(threads - before.threads, rssKib - before.rssKib, fds - before.fds);
    }
}
