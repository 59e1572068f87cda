package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.Secret;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Password logins of the embedded client against an sshd with {@code PasswordAuthentication yes}. */
@Timeout(60)
class EmbeddedClientPasswordTest {
    private static final String PASSWORD = "s3cret-" + Long.toHexString(System.nanoTime());
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.startWithPasswords();
        user = sshd.userWithPassword("ectestembpw", PASSWORD.toCharArray());
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Password logins only: no key is offered. */
    private static SshSpec passwordSpec() {
        return Ssh.to(sshd.host())
                .port(sshd.port())
                .user(user.name())
                .knownHostsFile(sshd.knownHostsFile().toString())
                .identitiesOnly(true)
                .client(SshClientKind.EMBEDDED);
    }

    @Test
    void logsInWithTheRightPassword() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(passwordSpec().password(Secret.of(PASSWORD.toCharArray())));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(user.name());
        }
    }

    @Test
    void aWrongPasswordIsRejectedOnceWithoutShowingIt() {
        String wrong = "wrong-" + PASSWORD;
        try (Router router = Econtext.newRouter()) {
            long start = System.nanoTime();
            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class,
                    () -> router.connect(passwordSpec().password(Secret.of(wrong.toCharArray()))));

            assertThat(e.passwordRejected()).isTrue();
            assertThat(e.getMessage())
                    .startsWith(user.name() + "@127.0.0.1:" + sshd.port() + " rejected the password")
                    .contains("password");
            assertThat(e.getMessage() + e.outputTail()).doesNotContain(wrong).doesNotContain(PASSWORD);
            assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
        }
    }

    @Test
    void noPasswordWhereOneIsNeededIsPasswordRequired() {
        try (Router router = Econtext.newRouter()) {
            SshPasswordRequiredException e =
                    catchThrowableOfType(SshPasswordRequiredException.class, () -> router.connect(passwordSpec()));

            assertThat(e.serverMethods()).contains("password");
            assertThat(e.getMessage()).contains("set password(Secret)");
        }
    }
}
