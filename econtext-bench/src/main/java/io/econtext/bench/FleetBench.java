package io.econtext.bench;

import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.fleet.ExecResult;
import io.econtext.fleet.Fleet;
import io.econtext.fleet.FleetMember;
import io.econtext.fleet.FleetOptions;
import io.econtext.fleet.FleetResult;
import io.econtext.testkit.fleet.FleetFault;
import io.econtext.testkit.fleet.SimulatedFleet;
import io.econtext.testkit.fleet.SimulatedFleetOptions;
import io.econtext.transport.ssh.Ssh;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code econtext bench --fleet}: one master drives a simulated fleet (the testkit's {@link SimulatedFleet}: one MINA
 * SSHD JVM serving N virtual hosts, each boot a real runtime in that JVM) over the embedded client, at N = 100 and
 * 1,000 ({@code --quick}: 20), side by side with the pssh way — N {@code ssh host CMD} processes, {@value
 * #PARALLEL} at a time — in the same run.
 *
 * <pre>
 * row                                   value                         baseline                    bar (N = 1,000)
 * connect all                           boot + handshake of every host  N × `ssh host true`        ≤ 60 s
 * warm broadcast call                   median, p99 of rounds          —                           ≤ 250 ms median
 * exec hostname on all                  Fleet.exec                     N × `ssh host hostname`     —
 * master threads, RSS, fds              /proc/self after connect       —                           ≤ 64, ≤ 1 GiB
 * 10% failing hosts                     connect all with 10% hanging   the healthy fleet's         + their timeout
 * </pre>
 */
final class FleetBench {
    /** Boots (and pssh processes) under way at once. */
    static final int PARALLEL = 64;

    private static final Duration FAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int BAR_HOSTS = 1000;
    /** The largest fleet also booted over the OpenSSH client (a process per host). */
    private static final int OPENSSH_HOSTS = 100;

    private static final long CONNECT_BAR_NANOS = 60_000_000_000L;
    private static final long BROADCAST_BAR_NANOS = 250_000_000L;
    private static final int THREADS_BAR = 64;
    private static final long RSS_BAR_KIB = 1L << 20;

    private final String java;
    private final boolean quick;
    private final PrintWriter err;

    FleetBench(String java, boolean quick, PrintWriter err) {
        this.java = java;
        this.quick = quick;
        this.err = err;
    }

    /** Runs every size, then the faults row; returns the report. */
    String run() throws Exception {
        Report report = new Report();
        int[] sizes = quick ? new int[] {20} : new int[] {100, BAR_HOSTS};
        long firstHealthy = 0;
        for (int i = 0; i < sizes.length; i++) {
            long connect = size(report, sizes[i]);
            if (i == 0) {
                firstHealthy = connect;
            }
        }
        faults(report, sizes[0], firstHealthy);
        report.note("fleet: the simulated fleet's server JVM runs every virtual host (a real runtime each, its own"
                + " class loaders); the master boots them over the embedded client, " + PARALLEL
                + " at a time, children"
                + " with -Xmx64m; baselines: N `ssh ... host-NNNN@127.0.0.1 CMD` processes, " + PARALLEL + " at a"
                + " time, the pssh way");
        return report.format("econtext bench --fleet — java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores" + (quick ? ", quick" : ""));
    }

    /** The rows of one size; returns its connect-all nanoseconds. */
    private long size(Report report, int n) throws Exception {
        err.println("bench: fleet of " + n + " simulated hosts …");
        err.flush();
        try (SimulatedFleet sim = SimulatedFleet.start(SimulatedFleetOptions.hosts(n))) {
            long psshTrue = pssh(sim, "true");
            MasterFootprint before = MasterFootprint.settled();
            try (Router router = router()) {
                long t0 = System.nanoTime();
                try (Fleet fleet = Fleet.connect(router, members(sim), options())) {
                    long connect = System.nanoTime() - t0;
                    if (fleet.connected().size() != n) {
                        throw new IllegalStateException(
                                (n - fleet.connected().size()) + " of " + n + " hosts did not connect: "
                                        + fleet.failures().values().iterator().next());
                    }
                    MasterFootprint after = MasterFootprint.settled();
                    long[] rounds = broadcast(fleet, quick ? 5 : 20);
                    long exec = execAll(fleet);
                    long psshHostname = pssh(sim, "hostname");
                    String label = "fleet " + n + " hosts: ";
                    boolean barred = n >= BAR_HOSTS;
                    row(
                            report,
                            barred,
                            label + "connect all (embedded client)",
                            Stats.seconds(connect),
                            Stats.seconds(psshTrue) + " pssh `ssh host true`",
                            Stats.ratio((double) connect / psshTrue),
                            "≤ 60 s",
                            connect <= CONNECT_BAR_NANOS);
                    long median = Stats.median(rounds);
                    row(
                            report,
                            barred,
                            label + "warm broadcast call (median, p99)",
                            Stats.millis(median) + ", p99 " + Stats.millis(Stats.percentile(rounds, 99)),
                            Report.NONE,
                            Report.NONE,
                            "≤ 250 ms median",
                            median <= BROADCAST_BAR_NANOS);
                    report.info(
                            label + "exec hostname on all",
                            Stats.millis(exec),
                            Stats.millis(psshHostname) + " pssh `ssh host hostname`",
                            Stats.ratio((double) exec / psshHostname));
                    row(
                            report,
                            barred,
                            label + "master threads, RSS, fds after connect",
                            after.threads() + " threads, " + Stats.mib(after.rssKib()) + ", " + after.fds() + " fds",
                            "before: " + before.threads() + ", " + Stats.mib(before.rssKib()) + ", " + before.fds(),
                            Report.NONE,
                            "≤ 64 threads, ≤ 1 GiB",
                            after.threads() <= THREADS_BAR && after.rssKib() <= RSS_BAR_KIB);
                    if (n <= OPENSSH_HOSTS) {
                        openssh(report, sim, n, connect);
                    }
                    return connect;
                }
            }
        }
    }

    /**
     * The same fleet over the OpenSSH client, where it fits ({@value #OPENSSH_HOSTS} hosts at most: each is an {@code
     * ssh} process): connect all and the master's threads, against the embedded client's connect.
     */
    private void openssh(Report report, SimulatedFleet sim, int n, long embeddedConnect) throws Exception {
        MasterFootprint before = MasterFootprint.settled();
        try (Router router =
                Econtext.newRouter(RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.OPENSSH))) {
            long t0 = System.nanoTime();
            try (Fleet fleet = Fleet.connect(router, members(sim), options())) {
                long connect = System.nanoTime() - t0;
                MasterFootprint after = MasterFootprint.now();
                report.info(
                        "fleet " + n + " hosts: connect all (OpenSSH client)",
                        Stats.seconds(connect) + ", master +" + (after.threads() - before.threads()) + " threads, "
                                + fleet.connected().size() + " ssh processes",
                        Stats.seconds(embeddedConnect) + " embedded client",
                        Stats.ratio((double) connect / embeddedConnect));
            }
        }
    }

    /** The faults row: the same fleet with 10% of its hosts hanging at connect, against the healthy one. */
    private void faults(Report report, int n, long healthy) throws Exception {
        err.println("bench: fleet of " + n + " simulated hosts, 10% hanging …");
        err.flush();
        SimulatedFleetOptions options = SimulatedFleetOptions.hosts(n).randomFaults(10, 1L, FleetFault.hang());
        try (SimulatedFleet sim = SimulatedFleet.start(options);
                Router router = router()) {
            long t0 = System.nanoTime();
            List<FleetMember> members = new ArrayList<>();
            for (String h : sim.hostNames()) {
                members.add(new FleetMember(h, spec(sim, h).connectTimeout(FAULT_TIMEOUT)));
            }
            try (Fleet fleet = Fleet.connect(router, members, options())) {
                long connect = System.nanoTime() - t0;
                int failed = fleet.failures().size();
                long extra = connect - healthy;
                report.add(
                        "fleet " + n + " hosts, " + failed + " hanging: connect all",
                        Stats.seconds(connect),
                        Stats.seconds(healthy) + " all healthy",
                        String.format(Locale.ROOT, "%+.1f s", extra / 1e9),
                        "≤ +" + FAULT_TIMEOUT.toSeconds() + " s (their connect timeout)",
                        failed == sim.faults().size() && extra <= FAULT_TIMEOUT.toNanos() + 2_000_000_000L);
            }
        }
    }

    /** A row with a bar at the size the issue sets bars for ({@value #BAR_HOSTS} hosts), else for information. */
    private static void row(
            Report report,
            boolean barred,
            String label,
            String value,
            String baseline,
            String ratio,
            String bar,
            boolean pass) {
        if (barred) {
            report.add(label, value, baseline, ratio, bar, pass);
        } else {
            report.info(label, value, baseline, ratio);
        }
    }

    private Router router() {
        return Econtext.newRouter(RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED));
    }

    private FleetOptions options() {
        return FleetOptions.defaults().withParallelism(PARALLEL).withCallDeadline(Duration.ofSeconds(60));
    }

    private List<FleetMember> members(SimulatedFleet sim) {
        List<FleetMember> members = new ArrayList<>();
        for (String h : sim.hostNames()) {
            members.add(new FleetMember(h, spec(sim, h)));
        }
        return members;
    }

    private SshSpec spec(SimulatedFleet sim, String host) {
        return sim.spec(host).javaPath(java).jvmOption("-Xmx64m").connectTimeout(Duration.ofSeconds(120));
    }

    /** Wall time of {@code rounds} broadcasts of a trivial call, after 3 unmeasured ones. */
    private static long[] broadcast(Fleet fleet, int rounds) {
        for (int i = 0; i < 3; i++) {
            check(fleet.call(Probe::one), fleet);
        }
        long[] t = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            FleetResult<Integer> r = fleet.call(Probe::one);
            t[i] = System.nanoTime() - t0;
            check(r, fleet);
        }
        return t;
    }

    private static long execAll(Fleet fleet) {
        check(fleet.exec(List.of("hostname")), fleet); // the command's classes and the JIT, once
        long t0 = System.nanoTime();
        FleetResult<ExecResult> r = fleet.exec(List.of("hostname"));
        long t = System.nanoTime() - t0;
        check(r, fleet);
        return t;
    }

    private static void check(FleetResult<?> r, Fleet fleet) {
        if (!r.allSucceeded() || r.size() != fleet.hosts().size()) {
            throw new IllegalStateException(r.failed().size() + " of " + r.size() + " hosts failed: "
                    + (r.failed().isEmpty() ? "" : r.failed().get(0)));
        }
    }

    /**
     * Wall time of {@code command} run on every host by its own {@code ssh} process, {@link #PARALLEL} at a time, by
     * one {@code xargs -P} (the pssh way; run outside this JVM, so that the JDK's process reaper threads of a thousand
     * processes do not count as the master's).
     */
    private static long pssh(SimulatedFleet sim, String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                "xargs",
                "-P",
                Integer.toString(PARALLEL),
                "-I{}",
                "ssh",
                "-p",
                Integer.toString(sim.port()),
                "-i",
                sim.clientKeyFile().toString(),
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + sim.knownHostsFile(),
                "-o",
                "LogLevel=ERROR",
                "{}@" + sim.host(),
                command));
        Process p = new ProcessBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long t0 = System.nanoTime();
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", sim.hostNames()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("`xargs ... ssh ... " + command + "` did not end within 10 min");
        }
        long t = System.nanoTime() - t0;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "`xargs ... ssh ... " + command + "` failed on some host: exit " + p.exitValue());
        }
        return t;
    }
}
