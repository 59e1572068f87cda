package io.econtext.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server JVM's life: contexts end with their sessions, and nothing outlives {@link SimulatedFleet#close()}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SimulatedFleetLifecycleTest {
    @Test
    void serverJvmIsGoneAndItsFilesDeletedAfterClose() throws Exception {
        SimulatedFleet fleet = SimulatedFleet.start(SimulatedFleetOptions.hosts(2));
        ProcessHandle server = ProcessHandle.of(fleet.pid()).orElseThrow();
        Path dir = fleet.clientKeyFile().getParent();
        assertThat(fleet.knownHostsFile())
                .content()
                .startsWith("[127.0.0.1]:" + fleet.port() + " ecdsa-sha2-nistp256 ");

        fleet.close();

        assertThat(server.isAlive()).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void contextsEndWhenTheirSessionsClose() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimulatedFleetOptions.hosts(3))) {
            try (Router router = Econtext.newRouter()) {
                for (SshSpec spec : fleet.specs(SshClientKind.EMBEDDED)) {
                    router.connect(spec.connectTimeout(Duration.ofSeconds(60)));
                }
                assertThat(FleetSsh.run(fleet, "host-0001", FleetServer.CONTEXTS_COMMAND))
                        .isEqualTo("3\n");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String live;
            while (!(live = FleetSsh.run(fleet, "host-0002", FleetServer.CONTEXTS_COMMAND)).equals("0\n")
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(live).isEqualTo("0\n");
        }
    }

    @Test
    void theSameSeedPicksTheSameFaultyHosts() {
        SimulatedFleetOptions options = SimulatedFleetOptions.hosts(200)
                .fault("host-0001", FleetFault.hang())
                .randomFaults(10, 42, FleetFault.refuse(), FleetFault.frozen());
        Map<String, FleetFault> faults = options.assignedFaults();
        assertThat(faults).hasSize(1 + 20).containsEntry("host-0001", FleetFault.hang());
        assertThat(faults.values())
                .filteredOn(f -> f.kind() == FleetFault.Kind.REFUSE)
                .hasSize(10);
        assertThat(options.assignedFaults()).isEqualTo(faults);
        assertThat(options.randomFaults(10, 43, FleetFault.refuse()).assignedFaults())
                .isNotEqualTo(faults);
    }

    @Test
    void faultsReadAsTheyAreWritten() {
        for (FleetFault f : new FleetFault[] {
            FleetFault.refuse(),
            FleetFault.badAuth(),
            FleetFault.hang(),
            FleetFault.die(Duration.ofMillis(1500)),
            FleetFault.slow(Duration.ofMillis(20)),
            FleetFault.frozen()
        }) {
            assertThat(FleetFault.parse(f.toString())).isEqualTo(f);
        }
        assertThatThrownBy(() -> FleetFault.parse("explode"))
                .hasMessage("fault : 'explode' (expected: refuse, bad-auth, hang, die:MILLIS, slow:MILLIS or frozen)");
        assertThatThrownBy(() -> SimulatedFleetOptions.hosts(5).fault("host-0006", FleetFault.refuse()))
                .hasMessage("fault host : 'host-0006' (expected: one of host-0001 ... host-0005)");
    }
}
