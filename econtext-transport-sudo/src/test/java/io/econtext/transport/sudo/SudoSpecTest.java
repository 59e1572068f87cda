package io.econtext.transport.sudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SudoSpecTest {
    @Test
    void defaultsToRootWithoutPasswordOrTerminalDecisions() {
        SudoSpec root = Sudo.root();
        assertThat(root.user()).isEqualTo("root");
        assertThat(root.password()).isNull();
        assertThat(root.tty()).isEqualTo(TtyMode.AUTO);
        assertThat(root.sudoPath()).isEqualTo("sudo");
        assertThat(root.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.scheme()).isEqualTo("sudo");
        assertThat(Sudo.user("#1000").user()).isEqualTo("#1000");
    }

    @Test
    void eachSetterReturnsANewValidatedSpec() {
        SudoSpec a = Sudo.user("deploy");
        SudoSpec b = a.loginShell(true)
                .setHome(true)
                .preserveEnvironment(true)
                .tty(TtyMode.ALWAYS)
                .name("d1");
        assertThat(a.loginShell()).isFalse();
        assertThat(b.loginShell()).isTrue();
        assertThat(b.setHome()).isTrue();
        assertThat(b.preserveEnvironment()).isTrue();
        assertThat(b.tty()).isEqualTo(TtyMode.ALWAYS);
        assertThat(b.withoutVia()).isEqualTo(b);
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> Sudo.user("-rf")).hasMessageStartingWith("user : '-rf'");
        assertThatThrownBy(() -> Sudo.user("a b")).hasMessageStartingWith("user : 'a b'");
        assertThatThrownBy(() -> Sudo.user(null)).hasMessageStartingWith("user : 'null'");
        assertThatThrownBy(() -> Sudo.root().sudoPath(" ")).hasMessageStartingWith("sudoPath");
        assertThatThrownBy(() -> Sudo.root().tty(null)).hasMessageStartingWith("tty : null");
        assertThatThrownBy(() -> Sudo.root().connectTimeout(Duration.ofMillis(5)))
                .hasMessageStartingWith("connectTimeout : 5 ms");
        assertThatThrownBy(() -> Sudo.root().environment(Map.of("A-B", "1"))).hasMessageStartingWith("environment");
        assertThatThrownBy(() -> Sudo.root().extraArgs("-i")).hasMessageContaining("loginShell(true)");
        assertThatThrownBy(() -> Sudo.root().jvmOption("Xmx1g")).hasMessageStartingWith("jvmOptions");
    }

    @Test
    void aPasswordWithALineBreakIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Sudo.root().password(Secret.of("hunter2\nrm -rf".toCharArray())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break")
                .hasMessageNotContaining("hunter2");
        assertThat(Sudo.root().password(Secret.of("hunter2".toCharArray())).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void carriesItsOwnHeartbeatOrNone() {
        SudoSpec spec = Sudo.user("deploy");
        assertThat(spec.heartbeatTimeout()).isNull();
        SudoSpec own =
                spec.heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)).name("hb");
        assertThat(own.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(own.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> spec.heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatTimeout : 1000 ms (expected: >= 2 x heartbeatInterval = 2000 ms)");
    }
}
