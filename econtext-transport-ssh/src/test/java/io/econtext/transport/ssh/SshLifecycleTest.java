package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.CallOptions;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deaths along an ssh chain: of the master, and of a middle hop's sshd session. */
@Timeout(60)
class SshLifecycleTest {
    private static final Duration GONE_BOUND = Duration.ofSeconds(5);
    private static SshdFixture sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void killingTheMasterLeavesNoJvmAndNoSshProcess(SshClientKind client) throws Exception {
        TestUser u = sshd.user("ectestsshlife");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process master = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SshChainHolderMain.class.getName(),
                        sshd.host(),
                        Integer.toString(sshd.port()),
                        u.name(),
                        u.privateKey().toString(),
                        sshd.knownHostsFile().toString(),
                        client.name())
                .redirectErrorStream(true)
                .start();
        List<Long> pids;
        List<String> output = new ArrayList<>();
        try {
            pids = LocalProcesses.awaitPidsLine(master, output, Duration.ofSeconds(40));
            // the embedded client starts no ssh process in the master; the second hop's ssh runs in the first
            int expected = client == SshClientKind.EMBEDDED ? 3 : 4;
            assertThat(pids)
                    .as("2 JVMs and their ssh clients; the master said: " + output)
                    .hasSize(expected);
            assertThat(LocalProcesses.stillRunningAfter(Duration.ZERO, pids))
                    .as("the chain is up")
                    .hasSize(expected);

            LocalProcesses.kill9(master.pid());
            assertThat(master.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            master.destroyForcibly();
        }

        assertThat(LocalProcesses.stillRunningAfter(GONE_BOUND, pids))
                .as("JVMs and ssh clients still running " + GONE_BOUND.toSeconds() + " s after the master died")
                .isEmpty();
    }

    @Test
    void killingTheMiddleHopsSessionFailsCallsToTheFarHopPromptly() throws Exception {
        TestUser near = sshd.user("ectestsshnear");
        TestUser middle = sshd.user("ectestsshmid");
        TestUser far = sshd.user("ectestsshfar");
        Path middleKey = sshd.copyPrivateKey(middle, near);
        Path farKey = sshd.copyPrivateKey(far, middle);
        try (Router router = Econtext.newRouter()) {
            Context hop1 = router.connect(SshTestSpecs.as(sshd, near).name("near"));
            Context hop2 = router.connect(SshTestSpecs.as(sshd, middle)
                    .identityFile(middleKey.toString())
                    .name("middle")
                    .via(hop1));
            Context hop3 = router.connect(SshTestSpecs.as(sshd, far)
                    .identityFile(farKey.toString())
                    .name("far")
                    .via(hop2));
            long farPid = hop3.call(() -> ProcessHandle.current().pid());
            CompletableFuture<Integer> pending = hop3.callAsync(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            assertThat(hop3.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "behind the long call"))
                    .isEqualTo("behind the long call");

            long start = System.nanoTime();
            sshd.killSessionsOf(middle.name());

            ExecutionException failure =
                    catchThrowableOfType(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertThat(failure)
                    .as("the pending call to the far hop failed within 5 s")
                    .isNotNull();
            assertThat(failure.getCause()).isInstanceOf(ContextDisconnectedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(hop1.call(() -> "near still answers")).isEqualTo("near still answers");
            assertThat(LocalProcesses.stillRunningAfter(GONE_BOUND, List.of(farPid)))
                    .as("the far JVM exits")
                    .isEmpty();
        }
    }
}
