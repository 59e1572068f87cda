package io.econtext.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Secret;
import io.econtext.spi.Shell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class OpenSshCommandTest {
    private static final String SCRIPT = "echo hi";

    private static List<String> argv(SshSpec spec) {
        return OpenSshCommand.argv(spec, SCRIPT, Map.of());
    }

    @Test
    void defaultCommandRunsInBatchModeWithStrictHostKeysAndNoTerminal() {
        assertThat(String.join(" ", argv(Ssh.to("app1"))))
                .isEqualTo("ssh -o BatchMode=yes -o ConnectTimeout=25 -o ServerAliveInterval=15"
                        + " -o ServerAliveCountMax=3 -o StrictHostKeyChecking=yes -T app1 -- exec sh -c 'echo hi'");
    }

    @Test
    void portUserAndIdentityComeFirst() {
        List<String> a = argv(Ssh.to("h").port(2222).user("ops").identityFile("/k/id_%h"));

        assertThat(a.subList(0, 9))
                .containsExactly("ssh", "-p", "2222", "-l", "ops", "-i", "/k/id_%%h", "-o", "IdentitiesOnly=yes");
    }

    @Test
    void aConfigFileIsReadInsteadOfTheUsersOne() {
        assertThat(argv(Ssh.to("app1").configFile("/etc/econtext/ssh config").port(2222))
                        .subList(0, 5))
                .containsExactly("ssh", "-F", "/etc/econtext/ssh config", "-p", "2222");
        assertThat(argv(Ssh.to("app1"))).doesNotContain("-F");
    }

    @Test
    void identitiesOnlyWithoutAFileUsesTheConfiguredOnes() {
        assertThat(argv(Ssh.to("h").identitiesOnly(true))).containsSequence("-o", "IdentitiesOnly=yes");
        assertThat(argv(Ssh.to("h").identityFile("/k").identitiesOnly(false)))
                .containsSequence("-i", "/k")
                .doesNotContain("IdentitiesOnly=yes");
    }

    @Test
    void hostKeyPolicyMapsToStrictHostKeyChecking() {
        assertThat(argv(Ssh.to("h").knownHostsFile("/etc/kh")))
                .containsSequence("-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=/etc/kh");
        assertThat(argv(Ssh.to("h").hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW)))
                .containsSequence("-o", "StrictHostKeyChecking=accept-new")
                .noneMatch(s -> s.startsWith("UserKnownHostsFile"));
        assertThat(argv(Ssh.to("h").hostKeyPolicy(HostKeyPolicy.IGNORE).knownHostsFile("/etc/kh")))
                .containsSequence(
                        "-o", "StrictHostKeyChecking=no",
                        "-o", "UserKnownHostsFile=/dev/null",
                        "-o", "GlobalKnownHostsFile=/dev/null")
                .doesNotContain("UserKnownHostsFile=/etc/kh");
    }

    @Test
    void knownHostsFileWithSpacesOrPercentIsQuotedForSsh() {
        assertThat(argv(Ssh.to("h").knownHostsFile("/my files/100%/kh")))
                .contains("UserKnownHostsFile=\"/my files/100%%/kh\"");
    }

    @Test
    void keepaliveAndCompression() {
        assertThat(argv(Ssh.to("h").keepalive(5, 7).compression(true)))
                .containsSequence("-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=7", "-C");
        assertThat(argv(Ssh.to("h").keepalive(0, 7)))
                .contains("ServerAliveInterval=0")
                .doesNotContain("ServerAliveCountMax=7", "-C");
    }

    @Test
    void sshConnectTimeoutStaysBelowTheBootBound() {
        assertThat(OpenSshCommand.sshConnectTimeoutSeconds(30_000)).isEqualTo(25);
        assertThat(OpenSshCommand.sshConnectTimeoutSeconds(5_000)).isEqualTo(4);
        assertThat(OpenSshCommand.sshConnectTimeoutSeconds(1_000)).isEqualTo(1);
        assertThat(OpenSshCommand.sshConnectTimeoutSeconds(600_000)).isEqualTo(595);
        assertThat(argv(Ssh.to("h").connectTimeout(Duration.ofSeconds(10)))).contains("ConnectTimeout=8");
    }

    @Test
    void extraArgsGoAfterTheTypedOptionsAndBeforeTheHost() {
        List<String> a = argv(Ssh.to("h").extraArgs("-o", "ProxyJump=jump", "-4"));

        assertThat(a).containsSequence("-T", "-o", "ProxyJump=jump", "-4", "h", "--");
    }

    @Test
    void aPasswordAllowsOnePromptAndNeverAppearsOnTheCommandLine() {
        List<String> a = argv(Ssh.to("h").password(Secret.of("hunter2".toCharArray())));

        assertThat(a)
                .containsSequence("-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1")
                .doesNotContain("BatchMode=yes")
                .noneMatch(s -> s.contains("hunter2"));
    }

    @Test
    void sshPathIsTheProgram() {
        assertThat(argv(Ssh.to("h").sshPath("/opt/openssh/bin/ssh")).get(0)).isEqualTo("/opt/openssh/bin/ssh");
    }

    @Test
    void hostKeyProbeIsVerboseStrictAndRunsNothing() {
        List<String> a = OpenSshCommand.hostKeyProbe(
                Ssh.to("h").port(2).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).password(Secret.of("pw".toCharArray())));

        assertThat(a)
                .startsWith("ssh", "-v")
                .contains("BatchMode=yes", "StrictHostKeyChecking=yes")
                .endsWith("h", "--", "exit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash", "/bin/dash"})
    void theScriptSurvivesTheRemoteLoginShellByteForByte(String loginShell) throws Exception {
        String tricky = "it's \"quoted\" $HOME `id` $(id) \\ ! * ~ ; & | < > \n\ttab  two spaces 'end";
        String script = "printf '%s|%s' " + Shell.quote(tricky) + " \"$FOO\"";
        String remote = OpenSshCommand.remoteCommand(script, Map.of("FOO", "a 'b' $c"));

        Process p = new ProcessBuilder(loginShell, "-c", remote)
                .redirectErrorStream(true)
                .start();

        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(tricky + "|a 'b' $c");
    }

    @Test
    void environmentIsExportedInAStableOrder() {
        assertThat(OpenSshCommand.remoteCommand("x", Map.of("B", "2", "A", "1")))
                .isEqualTo("exec sh -c " + Shell.quote("export A='1'\nexport B='2'\nx"));
    }
}
