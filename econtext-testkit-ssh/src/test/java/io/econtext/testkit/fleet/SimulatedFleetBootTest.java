package io.econtext.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Twenty healthy virtual hosts, booted by the embedded client and by OpenSSH, each answering with its own name. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SimulatedFleetBootTest {
    private static final int HOSTS = 20;
    private static SimulatedFleet fleet;

    @BeforeAll
    static void startFleet() throws IOException {
        fleet = SimulatedFleet.start(SimulatedFleetOptions.hosts(HOSTS));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyHostBootsWithTheEmbeddedClientAndKnowsItsName() throws Exception {
        assertEveryHostAnswersItsName(fleet.specs(SshClientKind.EMBEDDED));
    }

    @Test
    void everyHostBootsWithTheOpenSshClientAndKnowsItsName() throws Exception {
        assertEveryHostAnswersItsName(fleet.specs(SshClientKind.OPENSSH));
    }

    @Test
    void hostnameAnswersTheVirtualHostAndOtherCommandsRunThroughTheShell() throws Exception {
        assertThat(FleetSsh.run(fleet, "host-0007", "hostname")).isEqualTo("host-0007\n");
        assertThat(FleetSsh.run(fleet, "host-0012", "echo one; echo two")).isEqualTo("one\ntwo\n");
    }

    @Test
    void hostNamesAreNumberedFromOne() {
        assertThat(fleet.hostNames()).hasSize(HOSTS).startsWith("host-0001").endsWith("host-0020");
        assertThat(fleet.healthyHosts()).isEqualTo(fleet.hostNames());
    }

    private static void assertEveryHostAnswersItsName(List<SshSpec> specs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Router router = Econtext.newRouter()) {
            List<Future<String>> answers = new ArrayList<>();
            for (SshSpec spec : specs) {
                answers.add(pool.submit(() -> {
                    Context c = router.connect(spec);
                    return c.name() + "=" + c.call(SimulatedHost::name);
                }));
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : answers) {
                got.add(f.get(120, TimeUnit.SECONDS));
            }
            assertThat(got)
                    .isEqualTo(fleet.hostNames().stream().map(h -> h + "=" + h).toList());
        } finally {
            pool.shutdownNow();
        }
    }
}
