package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.spi.BootCommand;
import io.econtext.spi.TransportProcess;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded client's process on its own, against a real sshd: the exec channel's stdin, stdout and stderr, the
 * remote command's exit status, terminate, and the compression a spec asks for.
 */
@Timeout(60)
class MinaSshProcessTest {
    private static SshdFixture sshd;
    private static TestUser user;
    private static MinaSshClient client;

    @BeforeAll
    static void start() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestembproc");
        client = new MinaSshClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static MinaSshProcess run(SshSpec spec, String script) throws Exception {
        TransportProcess p = client.start(spec.client(SshClientKind.EMBEDDED), new BootCommand(script, Map.of()));
        return (MinaSshProcess) p;
    }

    @Test
    void carriesStdioAndTheExitStatus() throws Exception {
        MinaSshProcess p = run(SshTestSpecs.as(sshd, user), "cat; echo oops >&2; exit 3");
        try (OutputStream in = p.stdin()) {
            in.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("hello\n");
        assertThat(new String(p.stderr().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("oops\n");
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitStatus()).isEqualTo(3);
        assertThat(p.pid()).isEqualTo(-1);
    }

    @Test
    void terminateEndsTheProcess() throws Exception {
        MinaSshProcess p = run(SshTestSpecs.as(sshd, user), "cat");
        assertThat(p.isAlive()).isTrue();
        assertThat(p.exitStatus()).isNull();

        p.terminate();

        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(p.exitStatus()).isNotNull();
    }

    @Test
    void compressesWhenTheSpecAsks() throws Exception {
        MinaSshProcess plain = run(SshTestSpecs.as(sshd, user), "exit 0");
        MinaSshProcess compressed = run(SshTestSpecs.as(sshd, user).compression(true), "exit 0");

        assertThat(plain.compression()).isEqualTo("none");
        assertThat(compressed.compression()).isEqualTo("zlib@openssh.com");
        plain.kill();
        compressed.kill();
    }
}
