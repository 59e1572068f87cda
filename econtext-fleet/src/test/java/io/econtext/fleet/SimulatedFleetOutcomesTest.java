package io.econtext.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.CallTimeoutException;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.testkit.fleet.FleetFault;
import io.econtext.testkit.fleet.SimulatedFleet;
import io.econtext.testkit.fleet.SimulatedFleetOptions;
import io.econtext.testkit.fleet.SimulatedHost;
import io.econtext.transport.ssh.Ssh;
import io.econtext.transport.ssh.SshAuthenticationException;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 200 simulated hosts (the testkit's fleet server: real SSH, real runtimes in one JVM), 10% of them faulty in every
 * way the server knows, driven by a fleet over the embedded client: every host's outcome is the typed one its fault
 * calls for, and the faulty hosts cost the fleet their own timeouts, no more.
 */
@Timeout(300)
class SimulatedFleetOutcomesTest {
    private static final int HOSTS = 200;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(3);

    @Test
    void everyHostGetsTheOutcomeItsFaultCallsFor() throws Exception {
        SimulatedFleetOptions options = SimulatedFleetOptions.hosts(HOSTS)
                .randomFaults(
                        10,
                        7L,
                        FleetFault.refuse(),
                        FleetFault.badAuth(),
                        FleetFault.hang(),
                        FleetFault.die(Duration.ofSeconds(1)),
                        FleetFault.slow(Duration.ofMillis(20)),
                        FleetFault.frozen());
        try (SimulatedFleet sim = SimulatedFleet.start(options);
                Router router =
                        Econtext.newRouter(RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED))) {
            Map<String, FleetFault> faults = sim.faults();
            assertThat(faults.size()).isBetween(HOSTS / 20, HOSTS / 5);
            List<FleetMember> members = new ArrayList<>();
            for (String h : sim.hostNames()) {
                members.add(new FleetMember(
                        h, sim.spec(h).connectTimeout(CONNECT_TIMEOUT).jvmOption("-Xmx64m")));
            }
            List<HostResult<Context>> boots = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            try (Fleet fleet = Fleet.connect(
                    router,
                    members,
                    FleetOptions.defaults().withParallelism(32).withCallDeadline(CALL_DEADLINE),
                    boots::add)) {
                Duration connectAll = Duration.ofNanos(System.nanoTime() - start);
                assertThat(boots).hasSize(HOSTS);
                for (HostResult<Context> b : boots) {
                    FleetFault f = faults.get(b.host());
                    FleetFault.Kind kind = f == null ? null : f.kind();
                    if (kind == FleetFault.Kind.REFUSE || kind == FleetFault.Kind.HANG) {
                        assertThat(b.failure()).as(b.host() + " " + f).isInstanceOf(SshConnectException.class);
                    } else if (kind == FleetFault.Kind.BAD_AUTH) {
                        assertThat(b.failure()).as(b.host() + " " + f).isInstanceOf(SshAuthenticationException.class);
                    } else if (kind != FleetFault.Kind.DIE) { // a die may come before the boot's end
                        assertThat(b.failure()).as(b.host() + " " + f).isNull();
                    }
                }
                // the hung hosts cost their connect timeout once, in parallel with the rest: no more
                Duration healthyBootsBound = Duration.ofSeconds(120);
                assertThat(connectAll).isLessThan(healthyBootsBound.plus(CONNECT_TIMEOUT));

                Thread.sleep(1500); // past every die:1000 host's end
                long callStart = System.nanoTime();
                FleetResult<String> names = fleet.call(SimulatedHost::name);
                Duration callAll = Duration.ofNanos(System.nanoTime() - callStart);
                for (HostResult<String> r : names.all()) {
                    FleetFault f = faults.get(r.host());
                    FleetFault.Kind kind = f == null ? null : f.kind();
                    if (kind == FleetFault.Kind.FROZEN) {
                        assertThat(r.failure()).as(r.host() + " " + f).isInstanceOf(CallTimeoutException.class);
                    } else if (kind == FleetFault.Kind.DIE) {
                        assertThat(r.failure()).as(r.host() + " " + f).isInstanceOf(ContextDisconnectedException.class);
                    } else {
                        assertThat(r.failure()).as(r.host() + " " + f).isNull();
                        assertThat(r.value()).as(r.host()).isEqualTo(r.host());
                    }
                }
                assertThat(callAll)
                        .as("the frozen hosts cost the call deadline, no more")
                        .isLessThan(CALL_DEADLINE.plus(Duration.ofSeconds(4)));
                for (Map.Entry<String, FleetFault> e : faults.entrySet()) {
                    // a frozen host stays until the heartbeat gives up on it (30 s); the slow ones stay for good
                    if (e.getValue().kind() != FleetFault.Kind.SLOW
                            && e.getValue().kind() != FleetFault.Kind.FROZEN) {
                        assertThat(fleet.connected())
                                .as(e.getKey() + " " + e.getValue())
                                .doesNotContainKey(e.getKey());
                    }
                }
                assertThat(fleet.connected().size())
                        .isEqualTo(HOSTS
                                - faults.size()
                                + count(faults, FleetFault.Kind.SLOW)
                                + count(faults, FleetFault.Kind.FROZEN));
            }
        }
    }

    private static int count(Map<String, FleetFault> faults, FleetFault.Kind kind) {
        return (int) faults.values().stream().filter(f -> f.kind() == kind).count();
    }
}
