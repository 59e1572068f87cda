package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.transport.local.Local;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code via} in every direction. Every hop logs in to the same loopback sshd as the same test user, whose key and
 * known_hosts the fixture keeps where that user can read them: hop n+1's ssh runs as hop n's user.
 */
@Timeout(90)
class SshChainTest {
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestsshchain");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void sshViaSshViaSshWithCallsAtEveryHop() {
        try (Router router = Econtext.newRouter()) {
            SshSpec spec = SshTestSpecs.as(sshd, user);
            Context hop1 = router.connect(spec.name("hop1"));
            Context hop2 = router.connect(spec.name("hop2").via(hop1));
            Context hop3 = router.connect(spec.name("hop3").via(hop2));

            for (Context hop : List.of(hop1, hop2, hop3)) {
                assertThat(hop.call(() -> System.getProperty("user.name")))
                        .as(hop.name())
                        .isEqualTo(user.name());
            }
            long pid2 = hop2.call(() -> ProcessHandle.current().pid());
            long pid3 = hop3.call(() -> ProcessHandle.current().pid());
            assertThat(hop1.call(SshChainTest::sshChildren))
                    .as("hop2's ssh runs in hop1")
                    .isEqualTo(1);
            assertThat(hop2.call(SshChainTest::sshChildren))
                    .as("hop3's ssh runs in hop2")
                    .isEqualTo(1);
            assertThat(hop3.call(SshChainTest::sshChildren)).isZero();
            assertThat(List.of(hop1.info().pid(), pid2, pid3)).doesNotHaveDuplicates();
            assertThat(hop3.call(() -> "deep")).isEqualTo("deep");
        }
    }

    @Test
    void sshViaLocal() {
        try (Router router = Econtext.newRouter()) {
            Context local = router.connect(Local.spec().name("local-jump"));
            Context far = router.connect(SshTestSpecs.as(sshd, user).via(local));

            assertThat(far.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            assertThat(local.call(SshChainTest::sshChildren)).isEqualTo(1);
        }
    }

    @Test
    void localViaSsh() {
        try (Router router = Econtext.newRouter()) {
            Context remote = router.connect(SshTestSpecs.as(sshd, user));
            Context child = router.connect(Local.spec().via(remote));

            assertThat(child.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
            assertThat(child.call(() -> ProcessHandle.current().pid()))
                    .isNotEqualTo(remote.info().pid());
        }
    }

    @Test
    void aFailedLoginFromAHopIsReportedWithSshsReason() {
        try (Router router = Econtext.newRouter()) {
            Context hop1 = router.connect(SshTestSpecs.as(sshd, user));

            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(SshTestSpecs.as(sshd, user)
                            .identityFile("/nonexistent/key")
                            .via(hop1)));

            assertThat(e.getMessage())
                    .contains("accepted none of the keys offered")
                    .contains("via '");
            assertThat(hop1.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    /** The {@code ssh} processes this JVM started (the transports of its children). */
    static int sshChildren() {
        return (int) ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("/ssh"))
                .count();
    }
}
