package io.econtext.testkit.sshd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server, driven by the system ssh client with strict host keys and no config files. */
@Timeout(60)
class EmbeddedSshServerTest {
    private static final String USER = "ectestembedded";

    @Test
    void runsACommandThroughShWithStdinStdoutStderrAndExitStatus() throws IOException {
        try (EmbeddedSshServer server = EmbeddedSshServer.start(USER)) {
            ProcessRunner.Result r = ProcessRunner.of(
                            ssh(server, USER, server.clientKeyFile(), "cat; echo oops >&2; exit 3"))
                    .stdin("from stdin\n".getBytes(StandardCharsets.UTF_8))
                    .run();

            assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("from stdin\n");
            assertThat(r.stderr()).contains("oops");
        }
    }

    @Test
    void runsTheCommandAsThisJvmsUser() throws IOException {
        try (EmbeddedSshServer server = EmbeddedSshServer.start(USER)) {
            ProcessRunner.Result r = ProcessRunner.of(ssh(server, USER, server.clientKeyFile(), "id -un"))
                    .run();

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout().strip()).isEqualTo(System.getProperty("user.name"));
        }
    }

    @Test
    void refusesAnotherUserName() throws IOException {
        try (EmbeddedSshServer server = EmbeddedSshServer.start(USER)) {
            ProcessRunner.Result r = ProcessRunner.of(ssh(server, "ectestother", server.clientKeyFile(), "true"))
                    .run();

            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr()).contains("Permission denied");
        }
    }

    @Test
    void acceptsAKeyFromAnAuthorizedKeysFile(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("id_ecdsa");
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", "" + key)
                .runChecked();
        Path authorized = Files.writeString(
                dir.resolve("authorized_keys"), "# a comment\n" + Files.readString(dir.resolve("id_ecdsa.pub")));
        Path stranger = dir.resolve("stranger");
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", "" + stranger)
                .runChecked();

        try (EmbeddedSshServer server = EmbeddedSshServer.start(USER, authorized)) {
            ProcessRunner.Result accepted =
                    ProcessRunner.of(ssh(server, USER, key, "echo in")).run();
            ProcessRunner.Result refused =
                    ProcessRunner.of(ssh(server, USER, stranger, "echo in")).run();

            assertThat(accepted.exitCode()).as(accepted.describe()).isZero();
            assertThat(accepted.stdout().strip()).isEqualTo("in");
            assertThat(refused.exitCode()).isEqualTo(255);
        }
    }

    @Test
    void refusesToStartWithAnAuthorizedKeyItCannotRead(@TempDir Path dir) throws IOException {
        assumeFalse(SecurityUtils.isEDDSACurveSupported(), "this class path can read ed25519 keys");
        Path key = dir.resolve("id_ed25519");
        ProcessRunner.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "" + key)
                .runChecked();

        assertThatThrownBy(() -> EmbeddedSshServer.start(USER, dir.resolve("id_ed25519.pub")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("authorizedKeys : " + dir.resolve("id_ed25519.pub"))
                .hasMessageContaining("ed25519 keys need net.i2p.crypto:eddsa or Bouncy Castle");
    }

    @Test
    void givesAKnownHostsLineAndAPrivateClientKeyAndRemovesThemWhenClosed() throws IOException {
        Path keyFile;
        int port;
        try (EmbeddedSshServer server = EmbeddedSshServer.start(USER)) {
            keyFile = server.clientKeyFile();
            port = server.port();

            assertThat(server.knownHostsLine()).startsWith("[127.0.0.1]:" + port + " ecdsa-sha2-nistp256 AAAA");
            assertThat(Files.readString(server.knownHostsFile()).strip()).isEqualTo(server.knownHostsLine());
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        assertThat(keyFile).doesNotExist();
        assertThat(keyFile.getParent()).doesNotExist();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            throw new AssertionError("port " + port + " still accepts connections");
        } catch (ConnectException expected) {
            // closed
        }
    }

    private static List<String> ssh(EmbeddedSshServer server, String user, Path key, String command) {
        return new ArrayList<>(List.of(
                "ssh",
                "-F",
                "none",
                "-p",
                "" + server.port(),
                "-i",
                "" + key,
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + server.knownHostsFile(),
                "-o",
                "GlobalKnownHostsFile=/dev/null",
                user + "@" + server.host(),
                command));
    }
}
