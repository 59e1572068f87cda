package io.econtext.bench;

import io.econtext.transport.ssh.SshClientKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The "ssh clients, N hosts" rows: one figure of the {@link SshFleetRuns} per row, for every number of hosts; value
 * the embedded client, baseline the OpenSSH client. Bars from the issue that brought the embedded client: its boot of
 * one host no slower, its master threads independent of the hosts, at most 1 MiB of master memory per host, no {@code
 * ssh} process.
 */
final class SshFleetBench implements Bench {
    /** Threads an embedded fleet may add to the master, whatever its size: its router's loops and the client's pool. */
    static final long THREADS_BAR = 16;

    private static final long RSS_BAR_KIB_PER_HOST = 1024;

    /** The figure a row reports. */
    enum Figure {
        BOOT("boot + first call"),
        THREADS("master threads added"),
        RSS("master RSS growth"),
        FDS("master open fds growth"),
        PROCESSES("processes the master started"),
        BROADCAST("warm broadcast call (median)");

        private final String text;

        Figure(String text) {
            this.text = text;
        }
    }

    private final SshFleetRuns runs;
    private final Figure figure;

    private SshFleetBench(SshFleetRuns runs, Figure figure) {
        this.runs = runs;
        this.figure = figure;
    }

    /** One row per {@link Figure}, sharing one set of fleets. */
    static List<Bench> rows(SshSetup setup) {
        SshFleetRuns runs = new SshFleetRuns(setup);
        List<Bench> rows = new ArrayList<>();
        for (Figure f : Figure.values()) {
            rows.add(new SshFleetBench(runs, f));
        }
        return rows;
    }

    @Override
    public String label() {
        return "ssh clients, " + runs.hostsLabel() + " hosts: " + figure.text;
    }

    @Override
    public String bar() {
        int most = last(runs.hosts());
        return switch (figure) {
            case BOOT -> "≤ 1.00x at 1 host";
            case THREADS -> "≤ +" + THREADS_BAR + " at every N";
            case RSS -> "≤ 1 MiB/host at " + most;
            case PROCESSES -> "0 ssh";
            case FDS, BROADCAST -> Report.INFO;
        };
    }

    @Override
    public void run(Report report) throws Exception {
        SshFleetRuns.Measured m = runs.measured();
        List<SshFleetResult> embedded = m.fleets().get(SshClientKind.EMBEDDED);
        List<SshFleetResult> openssh = m.fleets().get(SshClientKind.OPENSSH);
        int most = last(runs.hosts());
        switch (figure) {
            case BOOT -> {
                double first =
                        (double) embedded.get(0).bootNanos() / openssh.get(0).bootNanos();
                report.add(
                        this,
                        each(embedded, r -> seconds(r.bootNanos())) + " s",
                        each(openssh, r -> seconds(r.bootNanos())) + " s",
                        ratios(embedded, openssh, SshFleetResult::bootNanos),
                        first <= 1.0);
            }
            case THREADS -> {
                report.add(
                        this,
                        each(embedded, r -> plus(r.threadsAdded())),
                        each(openssh, r -> plus(r.threadsAdded())),
                        Report.NONE,
                        embedded.stream().allMatch(r -> r.threadsAdded() <= THREADS_BAR));
                report.note("ssh clients, master threads: the Java threads the boot started (and JDK process reapers it"
                        + " woke) that live after it; all of this JVM's threads after the boot of " + most + " hosts"
                        + " (/proc, with the JVM's own, and what earlier rows and fleets left, e.g. idle process reapers"
                        + " the JDK keeps 60 s): embedded " + last(embedded).threads() + ", openssh "
                        + last(openssh).threads());
            }
            case RSS -> {
                long perHost = last(embedded).growth().rssKib() / most;
                report.add(this, rss(embedded, most), rss(openssh, most), Report.NONE, perHost <= RSS_BAR_KIB_PER_HOST);
            }
            case FDS ->
                report.info(
                        this,
                        each(embedded, r -> plus(r.growth().fds())),
                        each(openssh, r -> plus(r.growth().fds())),
                        Report.NONE);
            case PROCESSES ->
                report.add(
                        this,
                        processes(embedded),
                        processes(openssh),
                        Report.NONE,
                        embedded.stream().allMatch(r -> r.sshProcesses() == 0));
            case BROADCAST ->
                report.info(
                        this,
                        each(embedded, r -> millis(r.broadcastNanos())) + " ms",
                        each(openssh, r -> millis(r.broadcastNanos())) + " ms",
                        ratios(embedded, openssh, SshFleetResult::broadcastNanos));
        }
        runs.noteOnce(report);
    }

    /** {@code +1.2 / +8.0 / +30.5 MiB, 312 KiB/host}: the growth at each N, and per host at the most hosts. */
    private static String rss(List<SshFleetResult> fleets, int most) {
        return each(fleets, r -> String.format(Locale.ROOT, "%+.1f", r.growth().rssKib() / 1024.0)) + " MiB, "
                + last(fleets).growth().rssKib() / most + " KiB/host";
    }

    /** {@code 1 / 20 / 100, 812.3 MiB in ssh}: the processes started at each N, and the RSS of the last N's ssh. */
    private static String processes(List<SshFleetResult> fleets) {
        String counts = each(
                fleets,
                r -> r.processes() == r.sshProcesses()
                        ? String.valueOf(r.processes())
                        : r.processes() + " (" + r.sshProcesses() + " ssh)");
        long rss = last(fleets).sshRssKib();
        return rss == 0 ? counts : counts + ", " + Stats.mib(rss) + " in ssh";
    }

    private static String ratios(
            List<SshFleetResult> value, List<SshFleetResult> baseline, Function<SshFleetResult, Long> figure) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(Stats.ratio((double) figure.apply(value.get(i)) / figure.apply(baseline.get(i))));
        }
        return String.join(" / ", out);
    }

    private static String each(List<SshFleetResult> fleets, Function<SshFleetResult, String> shown) {
        return fleets.stream().map(shown).collect(Collectors.joining(" / "));
    }

    private static String plus(long n) {
        return String.format(Locale.ROOT, "%+d", n);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
