package io.econtext.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.CallTimeoutException;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.ProcessRunner;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.transport.ssh.SshAuthenticationException;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshConnectException;
import io.econtext.transport.ssh.SshSpec;
import io.econtext.transport.ssh.SshTestSpecs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fleet of 20 real hosts (child JVMs booted through the testkit's private sshd, the embedded client) plus one whose
 * port refuses and one whose login fails: per-host outcomes, a frozen host costing only its deadline, a host killed
 * mid-call, results as they arrive, commands.
 */
@Timeout(180)
class FleetTest {
    private static final int HOSTS = 20;
    private static SshdFixture sshd;
    private static TestUser user;
    private static TestUser stranger;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestfleet");
        stranger = sshd.user("ectestfleetno");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshSpec host(String name) {
        return SshTestSpecs.as(sshd, user)
                .name(name)
                .client(SshClientKind.EMBEDDED)
                .jvmOption("-Xmx48m")
                .jvmOption("-XX:TieredStopAtLevel=1");
    }

    private static List<FleetMember> members(int refusingPort) {
        List<FleetMember> m = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            String name = String.format("host-%02d", i);
            m.add(new FleetMember(name, host(name)));
        }
        m.add(new FleetMember("refusing", host("refusing").port(refusingPort)));
        // the key of `user`, offered for `stranger`, whose authorized_keys does not hold it
        m.add(new FleetMember("bad-auth", host("bad-auth").user(stranger.name())));
        return m;
    }

    @Test
    void everyHostEndsConnectedOrWithItsTypedFailureAndCallsReportPerHost() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        List<HostResult<Context>> boots = new CopyOnWriteArrayList<>();
        try (Router router = Econtext.newRouter();
                Fleet fleet = Fleet.connect(
                        router,
                        members(closedPort),
                        FleetOptions.defaults().withParallelism(8).withCallDeadline(Duration.ofSeconds(4)),
                        boots::add)) {
            assertThat(boots).hasSize(HOSTS + 2);
            assertThat(fleet.connected()).hasSize(HOSTS);
            assertThat(fleet.failures()).containsOnlyKeys("refusing", "bad-auth");
            assertThat(fleet.failures().get("refusing")).isInstanceOf(SshConnectException.class);
            assertThat(fleet.failures().get("bad-auth")).isInstanceOf(SshAuthenticationException.class);

            FleetResult<String> names = fleet.call(() -> System.getProperty("econtext.name"));
            assertThat(names.allSucceeded()).isTrue();
            assertThat(names.values()).hasSize(HOSTS);
            names.values().forEach((host, name) -> assertThat(name).isEqualTo(host));

            // one frozen, one killed mid-call, one whose function throws: each its own outcome, the rest unaffected
            Context frozen = fleet.connected().get("host-03");
            ProcessRunner.of("kill", "-STOP", Long.toString(frozen.info().pid()))
                    .timeout(Duration.ofSeconds(10))
                    .run();
            try {
                List<String> arrivals = new CopyOnWriteArrayList<>();
                long start = System.nanoTime();
                FleetResult<String> r = fleet.callAsync(
                                () -> {
                                    String me = System.getProperty("econtext.name");
                                    if (me.equals("host-05")) {
                                        Thread.sleep(300);
                                        Runtime.getRuntime().halt(9); // dies mid-call
                                    }
                                    if (me.equals("host-07")) {
                                        throw new IllegalStateException("disk full on " + me);
                                    }
                                    return me;
                                },
                                h -> arrivals.add(h.host()))
                        .get();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(r.size()).isEqualTo(HOSTS);
                assertThat(arrivals).hasSize(HOSTS);
                assertThat(arrivals.get(HOSTS - 1))
                        .as("the frozen host answers last, at its deadline")
                        .isEqualTo("host-03");
                assertThat(r.failures()).containsOnlyKeys("host-03", "host-05", "host-07");
                assertThat(r.failures().get("host-03")).isInstanceOf(CallTimeoutException.class);
                assertThat(r.failures().get("host-05")).isInstanceOf(ContextDisconnectedException.class);
                assertThat(r.failures().get("host-07"))
                        .isInstanceOf(RemoteCallException.class)
                        .hasMessageContaining("disk full on host-07");
                assertThat(took)
                        .as("the frozen host costs its deadline, no more")
                        .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
                for (HostResult<String> h : r.all()) {
                    if (h.succeeded()) {
                        assertThat(h.elapsed()).as(h.host()).isLessThan(Duration.ofSeconds(3));
                    }
                }
                assertThat(fleet.connected())
                        .as("the host that died is dropped")
                        .doesNotContainKey("host-05");
                assertThat(fleet.failures().get("host-05")).isInstanceOf(ContextDisconnectedException.class);
            } finally {
                ProcessRunner.of("kill", "-CONT", Long.toString(frozen.info().pid()))
                        .timeout(Duration.ofSeconds(10))
                        .run();
            }

            FleetResult<ExecResult> uname = fleet.exec(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
            assertThat(uname.values()).hasSizeGreaterThanOrEqualTo(HOSTS - 2);
            for (ExecResult e : uname.values().values()) {
                assertThat(e.exitCode()).isEqualTo(3);
                assertThat(e.stdoutText()).isEqualTo("out\n");
                assertThat(e.stderrText()).isEqualTo("err\n");
                assertThat(e.truncated()).isFalse();
            }
            FleetResult<ExecResult> missing = fleet.exec(List.of("/nonexistent/command"));
            assertThat(missing.values().values()).allSatisfy(e -> {
                assertThat(e.exitCode()).isEqualTo(127);
                assertThat(e.stderrText()).contains("/nonexistent/command");
            });
        }
    }
}
