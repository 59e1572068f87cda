package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SshSpecTest {
    @Test
    void defaultsLeaveEverythingToTheSshConfigurationButHostKeysAndTimeouts() {
        SshSpec s = Ssh.to("app1.example.com");

        assertThat(s.scheme()).isEqualTo("ssh");
        assertThat(s.host()).isEqualTo("app1.example.com");
        assertThat(s.port()).isEqualTo(SshSpec.PORT_UNSET);
        assertThat(s.user()).isNull();
        assertThat(s.identityFile()).isNull();
        assertThat(s.identitiesOnly()).isFalse();
        assertThat(s.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ENFORCE);
        assertThat(s.password()).isNull();
        assertThat(s.sshPath()).isEqualTo("ssh");
        assertThat(s.keepaliveIntervalSeconds()).isEqualTo(15);
        assertThat(s.keepaliveCountMax()).isEqualTo(3);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.javaPath()).isEqualTo("java");
        assertThat(s.via()).isNull();
        assertThat(s.client()).as("the router's default").isNull();
        assertThat(s.identityPassphrase()).isNull();
        assertThat(s.proxyJump()).isNull();
    }

    @Test
    void theEmbeddedClientTakesAPassphraseButNoOpenSshArguments() {
        Secret passphrase = Secret.of("pp".toCharArray());
        SshSpec s = Ssh.to("h").client(SshClientKind.EMBEDDED).identityPassphrase(passphrase);

        assertThat(s.client()).isEqualTo(SshClientKind.EMBEDDED);
        assertThat(s.identityPassphrase()).isSameAs(passphrase);
        assertThat(s.toString()).doesNotContain("pp,");
        assertThatThrownBy(() -> Ssh.to("h").client(SshClientKind.OPENSSH).identityPassphrase(passphrase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identityPassphrase : set, but client is OPENSSH");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-o", "ProxyJump=j").client(SshClientKind.EMBEDDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("extraArgs : [-o, ProxyJump=j] with client EMBEDDED");
        assertThat(Ssh.to("h").client(SshClientKind.EMBEDDED).client(null).client())
                .isNull();
    }

    @Test
    void aProxyJumpIsAListOfDestinations() {
        assertThat(Ssh.to("h").proxyJump("ops@b1:2222,[::1]:22,b3").proxyJump()).isEqualTo("ops@b1:2222,[::1]:22,b3");
        assertThat(OpenSshCommand.argv(Ssh.to("h").proxyJump("ops@b1"), "true", Map.of()))
                .containsSequence("-J", "ops@b1");
        for (String bad : new String[] {"-oProxyCommand=x", "b1,", "b 1", "ops@-b1", "b1,,b2"}) {
            assertThatThrownBy(() -> Ssh.to("h").proxyJump(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("proxyJump : '" + bad + "' (expected: [user@]host[:port][,...]");
        }
    }

    @Test
    void withersReturnChangedCopies() {
        SshSpec base = Ssh.to("h");
        SshSpec s = base.port(2222)
                .user("ops")
                .identityFile("/keys/id")
                .knownHostsFile("/keys/kh")
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)
                .compression(true)
                .keepalive(5, 2)
                .connectTimeout(Duration.ofSeconds(7))
                .javaPath("/opt/jdk/bin/java")
                .jvmOption("-Xmx64m")
                .extraArgs("-o", "ProxyJump=jump")
                .environment(Map.of("LANG", "C.UTF-8"))
                .name("ops@h");

        assertThat(base.port()).isZero();
        assertThat(s.destination()).isEqualTo("ops@h:2222");
        assertThat(s.identitiesOnly()).as("a named key implies identitiesOnly").isTrue();
        assertThat(s.identitiesOnly(false).identitiesOnly()).isFalse();
        assertThat(s.knownHostsFile()).isEqualTo("/keys/kh");
        assertThat(base.configFile()).as("~/.ssh/config unless set").isNull();
        assertThat(s.configFile("/etc/econtext/ssh_config").configFile()).isEqualTo("/etc/econtext/ssh_config");
        assertThat(s.configFile("/c").configFile(null)).isEqualTo(s);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(7000));
        assertThat(s.jvmOptions()).containsExactly("-Xmx64m");
        assertThat(s.extraArgs()).containsExactly("-o", "ProxyJump=jump");
        assertThat(s.withoutVia()).isEqualTo(s);
    }

    @Test
    void parsesDestinationsAsWrittenOnACommandLine() {
        assertThat(Ssh.parse("ops@jump.example.com:2222").destination()).isEqualTo("ops@jump.example.com:2222");
        assertThat(Ssh.parse("jump").user()).isNull();
        assertThat(Ssh.parse("jump").port()).isZero();
        SshSpec v6 = Ssh.parse("root@[::1]:22");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.port()).isEqualTo(22);
        assertThat(v6.destination()).isEqualTo("root@[::1]:22");
        assertThat(Ssh.parse("fe80::1").host()).isEqualTo("fe80::1");
        assertThatThrownBy(() -> Ssh.parse("h:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("destination : 'h:x' (expected: [user@]host[:port] with a numeric port)");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> Ssh.to("h").port(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port : 70000 (expected: 1-65535, or 0 to leave it to the ssh configuration)");
        assertThatThrownBy(() -> Ssh.to("h").port(-1)).hasMessageStartingWith("port : -1 ");
    }

    @Test
    void rejectsHostsThatSshWouldReadAsOptionsOrThatHoldAUser() {
        assertThatThrownBy(() -> Ssh.to("-oProxyCommand=evil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("host : '-oProxyCommand=evil' (expected: a host name");
        assertThatThrownBy(() -> Ssh.to("ops@jump"))
                .hasMessageContaining("set the user with user(...) or use Ssh.parse(\"user@host\")");
        assertThatThrownBy(() -> Ssh.to("")).hasMessageStartingWith("host : ''");
        assertThatThrownBy(() -> Ssh.to("a b")).hasMessageStartingWith("host : 'a b'");
    }

    @Test
    void rejectsBadUsersPathsAndNumbers() {
        assertThatThrownBy(() -> Ssh.to("h").user("-x"))
                .hasMessage("user : '-x' (expected: a login name without spaces, not starting with '-')");
        assertThatThrownBy(() -> Ssh.to("h").identityFile(" "))
                .hasMessageStartingWith("identityFile : ' ' (expected: a file path");
        assertThatThrownBy(() -> Ssh.to("h").knownHostsFile("a\"b")).hasMessageStartingWith("knownHostsFile : ");
        assertThatThrownBy(() -> Ssh.to("h").configFile(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configFile : ' ' (expected: a file path without NUL or double quotes, or null)");
        assertThatThrownBy(() -> Ssh.to("h").configFile("a\0b")).hasMessageStartingWith("configFile : 'a\0b'");
        assertThatThrownBy(() -> Ssh.to("h").keepalive(-1, 3))
                .hasMessage("keepaliveInterval : -1 s (expected: >= 0, 0 to disable keepalives)");
        assertThatThrownBy(() -> Ssh.to("h").keepalive(10, 0)).hasMessage("keepaliveCountMax : 0 (expected: >= 1)");
        assertThatThrownBy(() -> Ssh.to("h").connectTimeout(Duration.ofMillis(50)))
                .hasMessage("connectTimeout : 50 ms (expected: >= 100 ms)");
        assertThatThrownBy(() -> Ssh.to("h").hostKeyPolicy(null)).hasMessageStartingWith("hostKeyPolicy : null");
        assertThatThrownBy(() -> Ssh.to("h").sshPath("")).hasMessageStartingWith("sshPath : ''");
        assertThatThrownBy(() -> Ssh.to("h").jvmOption("Xmx1g"))
                .hasMessage("jvmOptions : 'Xmx1g' (expected: options starting with '-')");
        assertThatThrownBy(() -> Ssh.to("h").environment(Map.of("A-B", "x")))
                .hasMessage("environment : 'A-B' (expected: variable names of letters, digits and _)");
    }

    @Test
    void rejectsAPasswordSshCannotReadFromOneLine() {
        assertThatThrownBy(() -> Ssh.to("h").password(Secret.of("a\nb".toCharArray())))
                .hasMessage("password : contains a line break or NUL (expected: one line, ssh reads up to the first)");
    }

    @Test
    void neverPrintsThePassword() {
        SshSpec s = Ssh.to("h").password(Secret.of("hunter2".toCharArray()));

        assertThat(s.toString()).doesNotContain("hunter2").contains("password=****");
    }

    @Test
    void refusesExtraArgsThatWouldBreakTheBootstrapAndSaysWhy() {
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-tt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extraArgs : '-tt' (refused: -t allocates a terminal, which would mangle the binary"
                        + " protocol (econtext runs ssh with -T))");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-qN")).hasMessageContaining("-N runs no remote command");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-f")).hasMessageContaining("-f sends ssh to the background");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-n")).hasMessageContaining("closes stdin");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-W", "x:22")).hasMessageContaining("-W forwards stdio");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-O", "exit")).hasMessageContaining("-O sends a control");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-p2222")).hasMessageContaining("-p is set from port(int)");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-o", "RequestTTY=force"))
                .hasMessage("extraArgs : '-o RequestTTY=force' (refused: RequestTTY asks for a terminal, which would"
                        + " mangle the binary protocol)");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-oStrictHostKeyChecking=no"))
                .hasMessage("extraArgs : '-oStrictHostKeyChecking=no' (refused: StrictHostKeyChecking is set from"
                        + " hostKeyPolicy(HostKeyPolicy))");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-o", "BatchMode yes")).hasMessageContaining("BatchMode is set");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("otherhost")).hasMessageContaining("not an option");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("--")).hasMessageContaining("not an option");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-o")).hasMessageContaining("-o needs a value");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-Z")).hasMessageContaining("-Z is not an option");
    }

    @Test
    void saysWhichTypedSettingARefusedArgumentWouldSet() {
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-o", "IdentitiesOnly=yes"))
                .isInstanceOfSatisfying(SshArgumentRefusedException.class, e -> {
                    assertThat(e.argument()).isEqualTo("-o IdentitiesOnly=yes");
                    assertThat(e.option()).isEqualTo("IdentitiesOnly");
                    assertThat(e.setting()).contains(SshSetting.IDENTITIES_ONLY);
                })
                .hasMessage("extraArgs : '-o IdentitiesOnly=yes' (refused: IdentitiesOnly is set from"
                        + " identitiesOnly(boolean))");
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-l", "root"))
                .isInstanceOfSatisfying(
                        SshArgumentRefusedException.class,
                        e -> assertThat(e.setting()).contains(SshSetting.USER));
        assertThatThrownBy(() -> Ssh.to("h").extraArgs("-tt"))
                .isInstanceOfSatisfying(
                        SshArgumentRefusedException.class,
                        e -> assertThat(e.setting()).isEmpty());
    }

    @Test
    void acceptsExtraArgsThatOnlyTuneTheConnection() {
        SshSpec s = Ssh.to("h")
                .extraArgs("-T", "-4", "-q", "-J", "ops@jump", "-o", "ProxyJump=jump", "-F", "/etc/econtext/ssh_config")
                .extraArgs("-i", "/keys/second", "-oControlMaster=auto", "-o", "ControlPath=/tmp/cm-%C", "-vv");

        assertThat(s.extraArgs()).hasSize(15);
        // a value that merely looks like a refused flag is a value
        assertThat(Ssh.to("h").extraArgs("-E", "-t.log").extraArgs()).containsExactly("-E", "-t.log");
    }

    @Test
    void carriesItsOwnHeartbeatOrNone() {
        SshSpec spec = Ssh.to("h");
        assertThat(spec.heartbeatTimeout()).isNull();
        SshSpec own =
                spec.heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)).name("hb");
        assertThat(own.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(own.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> spec.heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatTimeout : 1000 ms (expected: >= 2 x heartbeatInterval = 2000 ms)");
    }
}
