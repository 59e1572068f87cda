package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.spi.AsyncTransportProcess;
import io.econtext.spi.BootCommand;
import io.econtext.spi.TransportProcess;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    @Test
    void aConnectThatCompletesAfterItsTimeoutLeavesNoSessionOpen() throws Exception {
        // the server's banner comes 3.5 s late, after the 2 s the handshake has under a 3 s connect timeout; with the
        // host key ignored, a late connect that went on would be a session nobody uses (MINA closes it: kept as a
        // guard, since a failed boot must leave nothing open)
        try (DelayingProxy proxy = new DelayingProxy(sshd.port(), 3500)) {
            SshSpec spec = SshTestSpecs.as(sshd, user)
                    .port(proxy.port())
                    .hostKeyPolicy(HostKeyPolicy.IGNORE)
                    .connectTimeout(Duration.ofSeconds(3));
            int before = client.openSessions();
            int created = client.createdSessions();

            assertThatThrownBy(() -> run(spec, "true")).isInstanceOf(SshConnectException.class);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Thread.sleep(4000); // past the late banner and key exchange
            while (client.openSessions() > before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.openSessions())
                    .as("sessions left open by the failed boot")
                    .isEqualTo(before);
            assertThat(proxy.connections()).as("the connect reached the proxy").isPositive();
            assertThat(client.createdSessions())
                    .as("the boot made a session (then closed)")
                    .isGreaterThan(created);
        }
    }

    /** Forwards each connection to a port after holding it {@code delayMillis}: a slow link's first bytes. */
    private static final class DelayingProxy implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final java.util.concurrent.atomic.AtomicInteger connections =
                new java.util.concurrent.atomic.AtomicInteger();
        private final List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        DelayingProxy(int targetPort, long delayMillis) throws IOException {
            server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"));
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        java.net.Socket in = server.accept();
                        connections.incrementAndGet();
                        sockets.add(in);
                        Thread.sleep(delayMillis);
                        java.net.Socket out = new java.net.Socket("127.0.0.1", targetPort);
                        sockets.add(out);
                        pump(in, out);
                        pump(out, in);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        private static void pump(java.net.Socket from, java.net.Socket to) {
            Thread t = new Thread(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (java.net.Socket s : sockets) {
                s.close();
            }
        }
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
