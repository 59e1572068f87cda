package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.testkit.sshd.ProcessRunner;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded client logs in with a key held by a real {@code ssh-agent} (found through {@code SSH_AUTH_SOCK}, spoken
 * to over the JDK's Unix-domain sockets), with no identity file. The master runs in its own JVM
 * ({@link EmbeddedAgentMain}), whose environment holds the agent's socket.
 */
@Timeout(90)
class EmbeddedClientAgentTest {
    private static SshdFixture sshd;
    private static TestUser user;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestembagent");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void logsInWithAKeyOfTheAgentAndNotWithoutIt() throws Exception {
        Path sock = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(sock) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ProcessRunner.of("ssh-add", "-q", user.privateKey().toString())
                    .env("SSH_AUTH_SOCK", sock.toString())
                    .timeout(Duration.ofSeconds(30))
                    .runChecked();

            assertThat(master(sock.toString())).contains("USER " + user.name());
            assertThat(master(null)).contains("FAILED SshAuthenticationException");
        } finally {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@link EmbeddedAgentMain} with {@code SSH_AUTH_SOCK} set to {@code sock}, or unset; returns its stdout. */
    private String master(String sock) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "master", ".out");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedAgentMain.class.getName(),
                        sshd.host(),
                        Integer.toString(sshd.port()),
                        user.name(),
                        sshd.knownHostsFile().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile());
        pb.environment().remove("SSH_AUTH_SOCK");
        if (sock != null) {
            pb.environment().put("SSH_AUTH_SOCK", sock);
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the master did not finish within 60 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
