package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.testkit.sshd.ProcessRunner;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshSpec#configFile}: Host aliases read from a file of the test's own (never ~/.ssh/config) by both clients,
 * and {@code ProxyJump} with the embedded client through a second sshd user acting as bastion, whose sessions have no
 * {@code java} on their PATH: the bastion only forwards ({@code direct-tcpip}), logs in with the spec's key, has its
 * host key checked like the host's, and a failure there names it.
 */
@Timeout(90)
class SshConfigFileTest {
    private static SshdFixture sshd;
    private static TestUser target;
    private static TestUser bastion;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws IOException {
        sshd = SshdFixture.start();
        target = sshd.user("ectestcfgtarget");
        bastion = sshd.userWithPath("ectestcfgbastion", "/nonexistent");
        // the bastion accepts the target's key (the spec's only key), and a session of it would find no java either;
        // the line ends with the key's comment, so the testkit removes it with this JVM's other keys
        String pub = Files.readString(target.publicKey()).strip();
        Files.writeString(
                bastion.home().resolve(".ssh/authorized_keys"),
                "environment=\"PATH=/nonexistent\" " + pub + "\n",
                StandardOpenOption.APPEND);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** A config file: {@code jumpbox} (the bastion), {@code app-via-jump} through it, {@code app-plain} direct. */
    private Path config(String jumpHost, int jumpPort, String jumpUser) throws IOException {
        return Files.writeString(
                tmp.resolve("ssh_config"),
                String.join(
                        "\n",
                        "Host jumpbox",
                        "    HostName " + jumpHost,
                        "    Port " + jumpPort,
                        "    User " + jumpUser,
                        "Host app-via-jump",
                        "    HostName " + sshd.host(),
                        "    Port " + sshd.port(),
                        "    User " + target.name(),
                        "    ProxyJump jumpbox",
                        "Host app-plain",
                        "    HostName " + sshd.host(),
                        "    Port " + sshd.port(),
                        "    User " + target.name(),
                        ""));
    }

    private static SshSpec viaJump(Path config, Path knownHosts) {
        return Ssh.to("app-via-jump")
                .configFile(config.toString())
                .identityFile(target.privateKey().toString())
                .knownHostsFile(knownHosts.toString())
                .client(SshClientKind.EMBEDDED);
    }

    @Test
    void bothClientsReadHostNamePortAndUserOfAnAliasFromTheConfigFile() throws Exception {
        Path config = config(sshd.host(), sshd.port(), bastion.name());
        try (Router router = Econtext.newRouter()) {
            for (SshClientKind kind : SshClientKind.values()) {
                Context c = router.connect(Ssh.to("app-plain")
                        .configFile(config.toString())
                        .identityFile(target.privateKey().toString())
                        .knownHostsFile(sshd.knownHostsFile().toString())
                        .client(kind));

                assertThat(c.call(() -> System.getProperty("user.name")))
                        .as(kind.name())
                        .isEqualTo(target.name());
            }

            SshConnectException missing = catchThrowableOfType(
                    SshConnectException.class,
                    () -> router.connect(Ssh.to("app-plain")
                            .configFile(tmp.resolve("none").toString())
                            .client(SshClientKind.EMBEDDED)));
            assertThat(missing.getMessage()).startsWith("cannot read configFile " + tmp.resolve("none"));
        }
    }

    @Test
    void theEmbeddedClientJumpsThroughABastionThatOnlyForwards() throws Exception {
        Path config = config(sshd.host(), sshd.port(), bastion.name());
        try (Router router = Econtext.newRouter()) {
            List<String> listening = listeningSockets();
            Context c = router.connect(viaJump(config, sshd.knownHostsFile()));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(target.name());
            assertThat(listeningSockets())
                    .as("no port of the master forwards to the host through the bastion once it is booted")
                    .isSubsetOf(listening);
            assertThat(processesOf(bastion.name()))
                    .as("the bastion's processes while the host is booted: its sshd sessions, no shell, no java")
                    .isNotEmpty()
                    .allMatch(cmd -> cmd.endsWith("sshd"));
        }
        String log = Files.readString(sshd.logFile());
        assertThat(log).contains("Accepted publickey for " + bastion.name());
        assertThat(log.lines().filter(l -> l.contains("Starting session") && l.contains(" for " + bastion.name())))
                .as("no session channel (shell or command) ever ran on the bastion")
                .isEmpty();
    }

    @Test
    void aSpecsProxyJumpGoesThroughTheBastionUnderTheRoutersDefaultClient() throws Exception {
        RouterOptions embeddedByDefault = RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED);
        try (Router router = Econtext.newRouter(embeddedByDefault)) {
            List<String> before = ProcessHandle.current()
                    .descendants()
                    .map(p -> p.info().command().orElse(""))
                    .toList();
            Context c = router.connect(Ssh.to(sshd.host())
                    .port(sshd.port())
                    .user(target.name())
                    .proxyJump(bastion.name() + "@" + sshd.host() + ":" + sshd.port())
                    .identityFile(target.privateKey().toString())
                    .knownHostsFile(sshd.knownHostsFile().toString()));

            assertThat(c.call(() -> System.getProperty("user.name"))).isEqualTo(target.name());
            assertThat(ProcessHandle.current()
                            .descendants()
                            .map(p -> p.info().command().orElse("")))
                    .as("the router's default client is the embedded one: no ssh process")
                    .noneMatch(cmd -> cmd.endsWith("/ssh") && !before.contains(cmd));
            assertThat(processesOf(bastion.name()))
                    .as("the bastion's processes while the host is booted: its sshd sessions only")
                    .isNotEmpty()
                    .allMatch(cmd -> cmd.endsWith("sshd"));

            // the spec's own choice wins over the router's default
            Context viaOpenSsh = router.connect(Ssh.to(sshd.host())
                    .port(sshd.port())
                    .user(target.name())
                    .identityFile(target.privateKey().toString())
                    .knownHostsFile(sshd.knownHostsFile().toString())
                    .client(SshClientKind.OPENSSH));
            assertThat(viaOpenSsh.call(() -> 1)).isEqualTo(1);
            assertThat(ProcessHandle.current()
                            .descendants()
                            .map(p -> p.info().command().orElse("")))
                    .anyMatch(cmd -> cmd.endsWith("/ssh"));
        }
    }

    @Test
    void aJumpHostWithAnUnknownOrChangedKeyIsRefusedUnderEnforceAndNamed() throws Exception {
        try (SshdFixture jumpSshd = SshdFixture.start();
                Router router = Econtext.newRouter()) {
            Path config = config(jumpSshd.host(), jumpSshd.port(), bastion.name());
            Path knownHosts = Files.copy(sshd.knownHostsFile(), tmp.resolve("known_hosts")); // the host's key only

            SshHostKeyException unknown =
                    catchThrowableOfType(SshHostKeyException.class, () -> router.connect(viaJump(config, knownHosts)));

            assertThat(unknown.changed()).isFalse();
            assertThat(unknown.fingerprint()).isEqualTo(jumpSshd.hostKeyFingerprint());
            assertThat(unknown.getMessage())
                    .startsWith("the host key of jump host jumpbox (" + bastion.name() + "@127.0.0.1:" + jumpSshd.port()
                            + ") on the way to app-via-jump")
                    .contains("is not known, and hostKeyPolicy is ENFORCE")
                    .contains("ssh-keyscan -p " + jumpSshd.port() + " 127.0.0.1");

            // ACCEPT_NEW records each hop under its own name, never under the port of a forwarding
            Path recorded = Files.createFile(tmp.resolve("recorded_known_hosts"));
            assertThat(router.connect(viaJump(config, recorded).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))
                            .call(() -> 1))
                    .isEqualTo(1);
            assertThat(Files.readAllLines(recorded).stream()
                            .filter(l -> !l.isBlank())
                            .map(l -> l.split(" ")[0]))
                    .as(Files.readString(recorded))
                    .containsExactlyInAnyOrder("[127.0.0.1]:" + jumpSshd.port(), "[127.0.0.1]:" + sshd.port());
            Files.copy(recorded, knownHosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(router.connect(viaJump(config, knownHosts)).call(() -> 2))
                    .as("both keys known: ENFORCE boots")
                    .isEqualTo(2);

            jumpSshd.rotateHostKey();
            SshHostKeyException changed =
                    catchThrowableOfType(SshHostKeyException.class, () -> router.connect(viaJump(config, knownHosts)));

            assertThat(changed.changed()).isTrue();
            assertThat(changed.fingerprint()).isEqualTo(jumpSshd.hostKeyFingerprint());
            assertThat(changed.getMessage())
                    .startsWith("the host key of jump host jumpbox")
                    .contains("has CHANGED")
                    .contains("ssh-keygen -R '[127.0.0.1]:" + jumpSshd.port() + "'");
        }
    }

    @Test
    void aJumpHostThatAcceptsNoneOfTheKeysIsAnAuthenticationFailureNamingIt() throws Exception {
        TestUser locked = sshd.user("ectestcfgnokey"); // accepts its own key only, not the spec's
        Path config = config(sshd.host(), sshd.port(), locked.name());
        try (Router router = Econtext.newRouter()) {
            SshAuthenticationException e = catchThrowableOfType(
                    SshAuthenticationException.class, () -> router.connect(viaJump(config, sshd.knownHostsFile())));

            assertThat(e).isExactlyInstanceOf(SshAuthenticationException.class);
            assertThat(e.getMessage())
                    .startsWith("jump host jumpbox (" + locked.name() + "@127.0.0.1:" + sshd.port()
                            + ") on the way to app-via-jump accepted none of the keys offered")
                    .contains(target.privateKey().toString());
            assertThat(e.serverMethods()).contains("publickey");
        }
    }

    @Test
    void aJumpHostThatRefusesTheConnectionIsNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Path config = config("127.0.0.1", closed, bastion.name());
        try (Router router = Econtext.newRouter()) {
            SshConnectException e = catchThrowableOfType(
                    SshConnectException.class, () -> router.connect(viaJump(config, sshd.knownHostsFile())));

            assertThat(e.getMessage())
                    .startsWith("could not connect to jump host jumpbox (" + bastion.name() + "@127.0.0.1:" + closed
                            + ") on the way to app-via-jump port " + closed + ": Connection refused");
        }
    }

    @Test
    void aHostTheJumpHostCannotReachIsAConnectFailureNamingTheJumpHost() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Path config = Files.writeString(
                tmp.resolve("ssh_config"),
                String.join(
                        "\n",
                        "Host jumpbox",
                        "    HostName " + sshd.host(),
                        "    Port " + sshd.port(),
                        "    User " + bastion.name(),
                        "Host app-via-jump",
                        "    HostName 127.0.0.1",
                        "    Port " + closed,
                        "    User " + target.name(),
                        "    ProxyJump jumpbox",
                        ""));
        try (Router router = Econtext.newRouter()) {
            SshConnectException e = catchThrowableOfType(
                    SshConnectException.class, () -> router.connect(viaJump(config, sshd.knownHostsFile())));

            assertThat(e.getMessage())
                    .startsWith("jump host jumpbox (" + bastion.name() + "@127.0.0.1:" + sshd.port()
                            + ") could not open a connection to 127.0.0.1 port " + closed + " for app-via-jump");
        }
    }

    /** The TCP sockets this JVM listens on, as {@code ss} shows them ({@code 127.0.0.1:40123}). */
    private static List<String> listeningSockets() throws IOException {
        String out = ProcessRunner.of("ss", "-Hltnp")
                .timeout(java.time.Duration.ofSeconds(10))
                .runChecked()
                .stdout();
        String pid = "pid=" + ProcessHandle.current().pid() + ",";
        return out.lines()
                .filter(l -> l.contains(pid))
                .map(l -> l.trim().split("\\s+")[3])
                .collect(Collectors.toList());
    }

    /** The commands of the live processes of {@code user}. */
    private static List<String> processesOf(String user) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(user::equals).orElse(false))
                .map(p -> p.info().command().or(() -> Optional.of("?")).get())
                .collect(Collectors.toList());
    }
}
