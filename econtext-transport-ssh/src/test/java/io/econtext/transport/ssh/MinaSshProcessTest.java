package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.spi.AsyncTransportProcess;
import io.econtext.spi.BootCommand;
import io.econtext.spi.TransportProcess;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded client's process on its own, against a real sshd: the exec channel's stdin, stdout and stderr by
 * callback, a paused stdout, the remote command's exit status, terminate, and the compression a spec asks for.
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
    void carriesStdioByCallbackAndTheExitStatus() throws Exception {
        MinaSshProcess p = run(SshTestSpecs.as(sshd, user), "cat; echo oops >&2; exit 3");
        Collected got = new Collected();
        p.start(got);
        CompletableFuture<IOException> written = new CompletableFuture<>();
        p.write("xhello\nx".getBytes(StandardCharsets.UTF_8), 1, 6, written::complete);
        assertThat(written.get(10, TimeUnit.SECONDS)).isNull();
        p.closeStdin();

        assertThat(got.stdoutEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got.stderrEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got.out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(got.err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(got.failure).isNull();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitStatus()).isEqualTo(3);
        assertThat(p.pid()).isEqualTo(-1);
    }

    @Test
    void aPausedStdoutDeliversNothingUntilResumedAndLosesNothing() throws Exception {
        // 4 MiB: far more than the channel's window, so the remote side must wait while the reader is paused
        MinaSshProcess p = run(SshTestSpecs.as(sshd, user), "head -c 4194304 /dev/zero | tr '\\0' x");
        Collected got = new Collected();
        p.start(got);
        p.pauseStdout();
        Thread.sleep(500);
        long whilePaused = got.out.size();
        Thread.sleep(500);

        assertThat(got.out.size()).isEqualTo(whilePaused); // at most the read under way came; then nothing
        assertThat(got.stdoutEnded.getCount()).isEqualTo(1);
        p.resumeStdout();
        assertThat(got.stdoutEnded.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(got.out.size()).isEqualTo(4 << 20);
        assertThat(got.out.toString(StandardCharsets.US_ASCII)).matches("x+");
    }

    /** What a process delivered. */
    private static final class Collected implements AsyncTransportProcess.Inbound {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CountDownLatch stdoutEnded = new CountDownLatch(1);
        final CountDownLatch stderrEnded = new CountDownLatch(1);
        volatile IOException failure;

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            err.write(bytes, offset, length);
        }

        @Override
        public void stdoutEnded(IOException failure) {
            this.failure = failure;
            stdoutEnded.countDown();
        }

        @Override
        public void stderrEnded() {
            stderrEnded.countDown();
        }
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
