package io.econtext.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.ssh.SshAuthenticationException;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshConnectException;
import io.econtext.transport.ssh.SshSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each fault of a virtual host, met by both ssh clients, gives the typed outcome a real host's would. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SimulatedFleetFaultsTest {
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static SimulatedFleet fleet;

    @BeforeAll
    static void startFleet() throws IOException {
        fleet = SimulatedFleet.start(SimulatedFleetOptions.hosts(7)
                .fault("host-0002", FleetFault.refuse())
                .fault("host-0003", FleetFault.badAuth())
                .fault("host-0004", FleetFault.hang())
                .fault("host-0005", FleetFault.die(Duration.ofSeconds(1)))
                .fault("host-0006", FleetFault.frozen())
                .fault("host-0007", FleetFault.slow(Duration.ofMillis(100))));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static SshSpec spec(String host, SshClientKind client) {
        return fleet.spec(host).client(client).name(host + "-" + client).connectTimeout(BOOT);
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void refusingHostFailsToConnectAtOnce(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> router.connect(spec("host-0002", client)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("Connection refused");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void badAuthHostAcceptsNoKey(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            assertThatThrownBy(() -> router.connect(spec("host-0003", client)))
                    .isInstanceOf(SshAuthenticationException.class)
                    .hasMessageContaining("host-0003@127.0.0.1");
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void hangingHostCostsNoMoreThanItsConnectTimeout(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> router.connect(spec("host-0004", client).connectTimeout(Duration.ofSeconds(3))))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("host-0004@127.0.0.1");
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            // the transport gives ssh's own handshake timeout a margin inside the boot's: about a second less
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void dyingHostDisconnectsMidCall(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(spec("host-0005", client));
            assertThatThrownBy(() -> c.call(() -> {
                        Thread.sleep(30_000);
                        return "survived";
                    }))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("host-0005");
            assertThat(c.onDisconnect()).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void frozenHostTimesOutACallWithADeadline(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(spec("host-0006", client));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.with(new CallOptions(Duration.ofSeconds(2), false))
                            .call(SimulatedHost::name))
                    .isInstanceOf(CallTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void slowHostAnswersLate(SshClientKind client) {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(spec("host-0007", client));
            long t0 = System.nanoTime();
            assertThat(c.call(SimulatedHost::name)).isEqualTo("host-0007");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void healthyHostAnswersBesideTheFaultyOnes() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(spec("host-0001", SshClientKind.EMBEDDED));
            assertThat(c.call(SimulatedHost::name)).isEqualTo("host-0001");
        }
        assertThat(fleet.healthyHosts()).containsExactly("host-0001");
        assertThat(fleet.fault("host-0005")).contains(FleetFault.die(Duration.ofSeconds(1)));
    }
}
