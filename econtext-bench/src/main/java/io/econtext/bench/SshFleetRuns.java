package io.econtext.bench;

import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fleets the "ssh clients, N hosts" rows ({@link SshFleetBench}) report on, run once for all of them: for each
 * number of hosts, a fleet over the OpenSSH client and one over the embedded client, side by side (the pair's order
 * alternating), after one unmeasured fleet of one host per client (the master's one-time costs: classes, JIT).
 */
final class SshFleetRuns {
    /** The child JVMs' heap: a hundred of them must fit beside the master on a small machine. */
    static final String CHILD_HEAP = "-Xmx32m";
    /** Boots in flight at once, for either client. */
    static final int PARALLEL = 10;

    private static final int BROADCAST_WARM_UPS = 3;
    private static final List<SshClientKind> CLIENTS = List.of(SshClientKind.OPENSSH, SshClientKind.EMBEDDED);

    private final SshSetup setup;
    private Measured measured;
    private Exception failure;
    private boolean noted;

    /** The fleets of every client, in the order of {@link #hosts()}, and how long the whole took. */
    record Measured(
            Map<SshClientKind, List<SshFleetResult>> fleets, Map<SshClientKind, Long> coldBootNanos, long nanos) {
        SshFleetResult of(SshClientKind client, int index) {
            return fleets.get(client).get(index);
        }
    }

    SshFleetRuns(SshSetup setup) {
        this.setup = setup;
    }

    /** The numbers of hosts, e.g. {@code [1, 20, 100]}. */
    List<Integer> hosts() {
        return setup.quick() ? List.of(1, 5) : List.of(1, 20, 100);
    }

    /** {@code 1/20/100}. */
    String hostsLabel() {
        return hosts().stream().map(String::valueOf).collect(Collectors.joining("/"));
    }

    /** The first ssh hop as this JVM boots it, over {@code client}, with a small heap. */
    SshSpec spec(SshClientKind client) {
        return clientSpec(setup, client).jvmOption(CHILD_HEAP);
    }

    /** The first ssh hop as this JVM boots it, over {@code client}; a usage error when the options do not allow it. */
    static SshSpec clientSpec(SshSetup setup, SshClientKind client) {
        SshSpec spec = setup.firstSshSpec();
        if (client == SshClientKind.EMBEDDED && !spec.extraArgs().isEmpty()) {
            throw new IllegalArgumentException("the embedded client takes no --ssh-option (it has " + spec.extraArgs()
                    + "): run these rows without --ssh-option");
        }
        return spec.client(client);
    }

    /** Runs every fleet on the first call, then returns the same; a failure is remembered and thrown again. */
    synchronized Measured measured() throws Exception {
        if (measured == null && failure == null) {
            try {
                measured = measure();
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return measured;
    }

    /** The note every fleet row shares, added once (by whichever of them runs first). */
    synchronized void noteOnce(Report report) {
        if (noted || measured == null) {
            return;
        }
        noted = true;
        List<Integer> hosts = hosts();
        report.note("ssh clients, " + hostsLabel() + " hosts: value the embedded client (MINA SSHD in this JVM),"
                + " baseline the OpenSSH client (an `ssh` per host); N contexts booted from this JVM to "
                + setup.via().get(setup.firstSsh()) + ", each a child JVM with " + CHILD_HEAP + ", " + PARALLEL
                + " boots at a time, in a router of their own; 1 host: median of " + rounds(hosts.get(0))
                + " pairs; growth: this JVM after the boot minus before its router was made, both after a GC;"
                + " broadcast: one call to every context at once, median of " + broadcastRounds() + " after "
                + BROADCAST_WARM_UPS + " warm-up; first boot of each client (unmeasured): openssh "
                + Stats.millis(measured.coldBootNanos().get(SshClientKind.OPENSSH)) + ", embedded "
                + Stats.millis(measured.coldBootNanos().get(SshClientKind.EMBEDDED)) + "; all fleets took "
                + Stats.seconds(measured.nanos()));
    }

    private int broadcastRounds() {
        return setup.scale(3, 9);
    }

    private int rounds(int hosts) {
        return hosts == 1 ? setup.scale(1, 5) : 1;
    }

    private Measured measure() throws Exception {
        long t0 = System.nanoTime();
        Map<SshClientKind, SshSpec> specs = new EnumMap<>(SshClientKind.class);
        Map<SshClientKind, Long> cold = new EnumMap<>(SshClientKind.class);
        Map<SshClientKind, List<SshFleetResult>> fleets = new EnumMap<>(SshClientKind.class);
        for (SshClientKind client : CLIENTS) {
            specs.put(client, spec(client));
            fleets.put(client, new ArrayList<>());
            cold.put(client, SshFleet.run(specs.get(client), 1, 1, 0, 1).bootNanos());
        }
        for (int hosts : hosts()) {
            Map<SshClientKind, List<SshFleetResult>> runs = new EnumMap<>(SshClientKind.class);
            for (int r = 0; r < rounds(hosts); r++) {
                for (int i = 0; i < CLIENTS.size(); i++) {
                    SshClientKind client = CLIENTS.get((i + r) % CLIENTS.size());
                    runs.computeIfAbsent(client, k -> new ArrayList<>())
                            .add(SshFleet.run(
                                    specs.get(client), hosts, PARALLEL, BROADCAST_WARM_UPS, broadcastRounds()));
                }
            }
            for (SshClientKind client : CLIENTS) {
                fleets.get(client).add(SshFleetResult.median(runs.get(client)));
            }
        }
        return new Measured(fleets, cold, System.nanoTime() - t0);
    }
}
