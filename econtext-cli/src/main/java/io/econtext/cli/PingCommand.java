package io.econtext.cli;

import io.econtext.Context;
import io.econtext.ContextInfo;
import io.econtext.ContextStats;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code econtext ping}: boots the chain and prints one row per hop with who and where it is, how long its boot took
 * and the median round trip of a trivial call to it.
 *
 * <pre>
 * $ econtext ping --via local --via local
 * hop  name     pid    user@host  java     boot ms  rtt us
 *   1  local-1  41211  me@box     17.0.15      212    31.5
 *   2  local-2  41240  me@box     17.0.15      198    58.0
 * </pre>
 *
 * <p>With {@code --stats}, then one row per hop with what passed between the master and it ({@link ContextStats}):
 * frames and bytes each way ("out": from the master), calls made and failed, classes and resources the master served
 * to it, and the median of its recent round trips, as counted by the router. Hop 1 served hop 2 what booting it
 * needed (the classes and the first stage, as a resource), and hop 2's classes came from hop 1's cache, not from here.
 *
 * <pre>
 * $ econtext ping --via local --via local --stats
 * ...
 * hop  name     frames out  bytes out  frames in  bytes in  calls  failed  classes  class bytes  resources  resource bytes  rtt median us
 *   1  local-1         908     191140        909     33833    901       0       30        79705          1            7046           30.1
 *   2  local-2         542      61788        542     20054    542       0        0            0          0               0           57.5
 * </pre>
 */
@Command(
        name = "ping",
        description = "Boot the chain and print, per hop, its name, pid, user@host, java, boot time and the median "
                + "round trip of a trivial call (after a warm-up of at most 500 ms).")
public final class PingCommand implements Callable<Integer> {
    /**
     * Untimed calls before measuring, so that class loading and the JIT do not count: at least the first number, then
     * more until the second number or the time budget is reached.
     */
    static final int MIN_WARMUP_CALLS = 10;

    static final int MAX_WARMUP_CALLS = 20_000;
    static final long WARMUP_BUDGET_NANOS = 500_000_000;
    /** Timed calls per hop; the row shows their median. */
    static final int TIMED_CALLS = 200;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HopOptions hops;

    @Mixin
    private HostsOptions hosts;

    @picocli.CommandLine.ParentCommand
    private Main main;

    /** Broadcast rounds of a trivial call with {@code --hosts}: warm-up, then timed. */
    static final int FLEET_WARMUP_ROUNDS = 3;

    static final int FLEET_TIMED_ROUNDS = 7;

    @Option(
            names = "--stats",
            description = "Then print, per hop, what passed between the master and it: frames and bytes each way, calls"
                    + " made and failed, classes and resources served to it (and their bytes), median round trip.")
    private boolean stats;

    @Override
    public Integer call() {
        if (hosts.enabled()) {
            return onHosts();
        }
        hosts.checkUnused();
        Table table = new Table(
                List.of("hop", "name", "pid", "user@host", "java", "boot ms", "rtt us"),
                List.of(true, false, true, false, false, true, true));
        PrintWriter out = spec.commandLine().getOut();
        List<Context> booted = new ArrayList<>();
        try (Router router = Econtext.newRouter()) {
            Context previous = null;
            for (int i = 0; i < hops.hops().size(); i++) {
                Context hop = router.connect(hops.spec(i, previous));
                booted.add(hop);
                table.add(row(i + 1, hop));
                previous = hop;
            }
        } finally {
            // The hops that answered are worth showing also when a later one failed to boot.
            if (!table.isEmpty()) {
                table.print(out);
                if (stats) {
                    out.println();
                    statsTable(booted).print(out);
                }
            }
        }
        return 0;
    }

    /**
     * {@code --hosts}: boots every host of the inventory, then a few broadcast rounds of a trivial call; prints a row
     * per host (or a JSON object) with who and where it is, its boot time and its median answer time in the
     * broadcast; 0 only when every host answered.
     */
    private int onHosts() {
        try (Router router = Econtext.newRouter()) {
            FleetRun run = new FleetRun(hops, hosts, main.out(), main.err());
            try (io.econtext.fleet.Fleet fleet = run.connect(router)) {
                java.util.Map<String, long[]> rounds = new java.util.HashMap<>();
                java.util.Map<String, Throwable> failures = new java.util.LinkedHashMap<>();
                for (int i = 0; i < FLEET_WARMUP_ROUNDS + FLEET_TIMED_ROUNDS; i++) {
                    int round = i - FLEET_WARMUP_ROUNDS;
                    io.econtext.fleet.FleetResult<Long> r = fleet.call(System::nanoTime);
                    for (io.econtext.fleet.HostResult<Long> h : r.all()) {
                        if (!h.succeeded()) {
                            failures.putIfAbsent(h.host(), h.failure());
                        } else if (round >= 0) {
                            rounds.computeIfAbsent(h.host(), k -> new long[FLEET_TIMED_ROUNDS])[round] =
                                    h.elapsed().toNanos();
                        }
                    }
                }
                Table table = new Table(
                        List.of("host", "pid", "user@host", "java", "boot ms", "broadcast ms"),
                        List.of(false, true, false, false, true, true));
                for (java.util.Map.Entry<String, Context> e : fleet.connected().entrySet()) {
                    String host = e.getKey();
                    if (failures.containsKey(host) || !rounds.containsKey(host)) {
                        continue;
                    }
                    long[] t = rounds.get(host);
                    Arrays.sort(t);
                    ContextInfo info = e.getValue().info();
                    double ms = t[t.length / 2] / 1e6;
                    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
                    json.put("host", host);
                    json.put("ok", true);
                    json.put("ms", info.bootMillis());
                    json.put("pid", info.pid());
                    json.put("user", info.user());
                    json.put("hostname", info.host());
                    json.put("java", info.javaVersion());
                    json.put("broadcast_ms", ms);
                    run.outcome(new FleetRun.Outcome(host, true, "", "", info.bootMillis(), json));
                    table.add(List.of(
                            host,
                            Long.toString(info.pid()),
                            info.user() + "@" + info.host(),
                            info.javaVersion(),
                            Long.toString(info.bootMillis()),
                            String.format(Locale.ROOT, "%.2f", ms)));
                }
                for (java.util.Map.Entry<String, Throwable> e : failures.entrySet()) {
                    run.outcome(run.failure(new io.econtext.fleet.HostResult<>(
                            e.getKey(), null, e.getValue(), java.time.Duration.ZERO)));
                }
                if (!hosts.json() && !table.isEmpty()) {
                    java.io.PrintWriter w = new java.io.PrintWriter(main.out(), true);
                    table.print(w);
                    w.flush();
                }
                return run.finish(java.util.Map.of());
            }
        }
    }

    /** One row per hop: its {@link ContextStats}, taken once every hop was pinged (so that they count the pings). */
    static Table statsTable(List<Context> hops) {
        Table t = new Table(
                List.of(
                        "hop",
                        "name",
                        "frames out",
                        "bytes out",
                        "frames in",
                        "bytes in",
                        "calls",
                        "failed",
                        "classes",
                        "class bytes",
                        "resources",
                        "resource bytes",
                        "rtt median us"),
                List.of(true, false, true, true, true, true, true, true, true, true, true, true, true));
        for (int i = 0; i < hops.size(); i++) {
            ContextStats s = hops.get(i).stats();
            t.add(List.of(
                    Integer.toString(i + 1),
                    hops.get(i).name(),
                    Long.toString(s.framesSent()),
                    Long.toString(s.bytesSent()),
                    Long.toString(s.framesReceived()),
                    Long.toString(s.bytesReceived()),
                    Long.toString(s.callsMade()),
                    Long.toString(s.callsFailed()),
                    Long.toString(s.classesServed()),
                    Long.toString(s.classBytesServed()),
                    Long.toString(s.resourcesServed()),
                    Long.toString(s.resourceBytesServed()),
                    String.format(Locale.ROOT, "%.1f", s.roundTripMedian().toNanos() / 1000.0)));
        }
        return t;
    }

    private static List<String> row(int number, Context hop) {
        ContextInfo info = hop.info();
        return List.of(
                Integer.toString(number),
                info.name(),
                Long.toString(info.pid()),
                info.user() + "@" + info.host(),
                info.javaVersion(),
                Long.toString(info.bootMillis()),
                String.format(Locale.ROOT, "%.1f", medianRoundTripNanos(hop) / 1000.0));
    }

    /**
     * Median round trip, after a warm-up, of a call that does next to nothing there ({@code System.nanoTime}: a JDK
     * method, so no class is shipped).
     */
    static long medianRoundTripNanos(Context hop) {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < MAX_WARMUP_CALLS; i++) {
            hop.call(System::nanoTime);
            if (i >= MIN_WARMUP_CALLS && System.nanoTime() - warmupStart > WARMUP_BUDGET_NANOS) {
                break;
            }
        }
        long[] nanos = new long[TIMED_CALLS];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            hop.call(System::nanoTime);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2];
    }
}
