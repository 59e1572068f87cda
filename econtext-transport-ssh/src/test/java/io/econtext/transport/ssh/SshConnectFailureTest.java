package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.BootstrapException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.EcontextPlugin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What needs no sshd: discovery, and a port where nothing listens (with either client). */
@Timeout(30)
class SshConnectFailureTest {
    @Test
    void theModuleIsAnEcontextPlugin() {
        assertThat(ServiceLoader.load(EcontextPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(SshTransportModule.class);
    }

    @ParameterizedTest
    @EnumSource(SshClientKind.class)
    void aClosedPortIsAConnectFailure(SshClientKind client) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (Router router = Econtext.newRouter()) {
            long start = System.nanoTime();
            SshConnectException e = catchThrowableOfType(
                    SshConnectException.class,
                    () -> router.connect(
                            Ssh.to("127.0.0.1").port(port).client(client).connectTimeout(Duration.ofSeconds(5))));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(e).isInstanceOf(BootstrapException.class);
            assertThat(e.getMessage())
                    .startsWith(
                            "could not connect to 127.0.0.1 port " + port + ": Connection refused; nothing listens");
        }
    }

    @Test
    void aMissingSshClientSaysWhatToInstall() {
        try (Router router = Econtext.newRouter()) {
            BootstrapException e = catchThrowableOfType(
                    BootstrapException.class,
                    () -> router.connect(Ssh.to("127.0.0.1").sshPath("/nonexistent/ssh")));

            assertThat(e.getMessage())
                    .contains("cannot run the OpenSSH client '/nonexistent/ssh'")
                    .contains("install openssh-client, or set sshPath");
        }
    }
}
