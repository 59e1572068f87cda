package io.econtext.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @SimulatedFleetTest} as a user's test has it: one fleet for the class, one of its own for a method. */
@SimulatedFleetTest(hosts = 3, faults = "host-0002=refuse")
class SimulatedFleetExtensionTest {
    private static SimulatedFleet classFleet;

    @BeforeAll
    static void keepTheClassFleet(SimulatedFleet fleet) {
        classFleet = fleet;
    }

    @Test
    void injectsTheClassFleet(SimulatedFleet fleet) {
        assertThat(fleet).isSameAs(classFleet);
        assertThat(fleet.hostNames()).containsExactly("host-0001", "host-0002", "host-0003");
        assertThat(fleet.fault("host-0002")).contains(FleetFault.refuse());
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(
                    fleet.spec("host-0003").client(SshClientKind.EMBEDDED).connectTimeout(Duration.ofSeconds(60)));
            assertThat(c.call(SimulatedHost::name)).isEqualTo("host-0003");
        }
    }

    @Test
    @SimulatedFleetTest(hosts = 10, faultPercent = 20, faultKinds = "bad-auth", seed = 7)
    void aMethodsAnnotationGetsAFleetOfItsOwn(SimulatedFleet fleet) {
        assertThat(fleet).isNotSameAs(classFleet);
        assertThat(fleet.hostNames()).hasSize(10);
        assertThat(fleet.faults()).hasSize(2).allSatisfy((h, f) -> assertThat(f).isEqualTo(FleetFault.badAuth()));
    }
}
