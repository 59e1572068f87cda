package io.econtext.testkit.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How to start a {@link SimulatedFleet}: how many hosts, which of them fail and how, and the server JVM's options.
 * Immutable; each method returns a copy.
 *
 * <pre>{@code
 * SimulatedFleetOptions options = SimulatedFleetOptions.hosts(200)
 *         .fault("host-0001", FleetFault.refuse())
 *         .randomFaults(10, 42, FleetFault.badAuth(), FleetFault.die(Duration.ofSeconds(1)), FleetFault.frozen());
 * }</pre>
 *
 * @param hosts the number of virtual hosts, {@code host-0001} ... ({@code >= 1})
 * @param faults faults of named hosts
 * @param faultPercent the share of the other hosts that get one of {@code faultKinds}, 0-100
 * @param seed picks those hosts (the same seed, the same hosts and faults)
 * @param faultKinds the faults handed out in turn to the randomly picked hosts
 * @param jvmOptions extra options of the server JVM (after the testkit's heap and GC options, so they win)
 * @param startTimeout how long the server JVM may take to listen
 */
public record SimulatedFleetOptions(
        int hosts,
        Map<String, FleetFault> faults,
        int faultPercent,
        long seed,
        List<FleetFault> faultKinds,
        List<String> jvmOptions,
        Duration startTimeout) {

    public SimulatedFleetOptions {
        FleetHosts names = new FleetHosts(hosts);
        for (String host : faults.keySet()) {
            if (!names.contains(host)) {
                throw new IllegalArgumentException("fault host : '" + host + "' (expected: one of " + names.get(0)
                        + " ... " + names.get(hosts - 1) + ")");
            }
        }
        if (faultPercent < 0 || faultPercent > 100) {
            throw new IllegalArgumentException("faultPercent : " + faultPercent + " (expected: 0-100)");
        }
        if (faultPercent > 0 && faultKinds.isEmpty()) {
            throw new IllegalArgumentException("faultKinds : none for faultPercent " + faultPercent
                    + " (expected: at least one fault, e.g. FleetFault.refuse())");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout : " + startTimeout + " (expected: > 0)");
        }
        faults = Collections.unmodifiableMap(new LinkedHashMap<>(faults));
        faultKinds = List.copyOf(faultKinds);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@code n} healthy hosts, a 60 s start timeout. */
    public static SimulatedFleetOptions hosts(int n) {
        return new SimulatedFleetOptions(n, Map.of(), 0, 0, List.of(), List.of(), Duration.ofSeconds(60));
    }

    /** Also: {@code host} fails with {@code fault}. */
    public SimulatedFleetOptions fault(String host, FleetFault fault) {
        Map<String, FleetFault> f = new LinkedHashMap<>(faults);
        f.put(host, fault);
        return new SimulatedFleetOptions(hosts, f, faultPercent, seed, faultKinds, jvmOptions, startTimeout);
    }

    /**
     * {@code percent} % of the hosts without a named fault (rounded to the nearest host) get one of {@code kinds}, in
     * turn; the hosts are picked by {@code seed}.
     */
    public SimulatedFleetOptions randomFaults(int percent, long seed, FleetFault... kinds) {
        return new SimulatedFleetOptions(hosts, faults, percent, seed, List.of(kinds), jvmOptions, startTimeout);
    }

    /** Extra options of the server JVM, e.g. {@code -Xmx4g}. */
    public SimulatedFleetOptions jvmOptions(String... options) {
        return new SimulatedFleetOptions(hosts, faults, faultPercent, seed, faultKinds, List.of(options), startTimeout);
    }

    public SimulatedFleetOptions startTimeout(Duration timeout) {
        return new SimulatedFleetOptions(hosts, faults, faultPercent, seed, faultKinds, jvmOptions, timeout);
    }

    /** Every host's fault: the named ones, then the ones picked by {@link #seed()}; a pure function of the options. */
    public Map<String, FleetFault> assignedFaults() {
        Map<String, FleetFault> all = new LinkedHashMap<>(faults);
        if (faultPercent == 0) {
            return all;
        }
        List<String> others = new ArrayList<>();
        for (String h : new FleetHosts(hosts)) {
            if (!faults.containsKey(h)) {
                others.add(h);
            }
        }
        Collections.shuffle(others, new Random(seed));
        int picked = Math.round(others.size() * faultPercent / 100f);
        for (int i = 0; i < picked; i++) {
            all.put(others.get(i), faultKinds.get(i % faultKinds.size()));
        }
        return all;
    }
}
