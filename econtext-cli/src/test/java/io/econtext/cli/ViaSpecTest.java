package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.transport.local.LocalSpec;
import io.econtext.transport.sudo.SudoSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ViaSpecTest {
    @Test
    void parsesLocal() {
        ViaSpec spec = ViaSpec.parse("local");

        assertThat(spec.scheme()).isEqualTo("local");
        assertThat(spec.argument()).isNull();
        assertThat(spec).hasToString("local");
    }

    @Test
    void rejectsAnUnknownSchemeNamingTheSpecAndTheKnownOnes() {
        assertThatThrownBy(() -> ViaSpec.parse("nosuch:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scheme 'nosuch' in 'nosuch:x' (known schemes: local, ssh, sudo)");
    }

    @Test
    void parsesAnSshDestinationAndRejectsAMissingOne() {
        assertThat(ViaSpec.parse("ssh:ops@app1:2222").argument()).isEqualTo("ops@app1:2222");
        assertThatThrownBy(() -> ViaSpec.parse("ssh:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh needs a destination");
    }

    @Test
    void parsesASudoHopWhoseUserDefaultsToRoot() {
        assertThat(((SudoSpec) ViaSpec.parse("sudo").toConnectionSpec(null, null, null)).user())
                .isEqualTo("root");
        assertThat(((SudoSpec) ViaSpec.parse("sudo:").toConnectionSpec(null, null, null)).user())
                .isEqualTo("root");
        SudoSpec deploy = (SudoSpec) ViaSpec.parse("sudo:deploy").toConnectionSpec(null, "/opt/jdk/bin/java", null);
        assertThat(deploy.user()).isEqualTo("deploy");
        assertThat(deploy.javaPath()).isEqualTo("/opt/jdk/bin/java");
        assertThatThrownBy(() -> ViaSpec.parse("sudo:-rf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sudo:-rf'")
                .hasMessageContaining("expected: sudo[:user]");
    }

    @Test
    void rejectsAnArgumentToLocal() {
        assertThatThrownBy(() -> ViaSpec.parse("local:box"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'local:box'");
    }

    @Test
    void rejectsAnEmptySpec() {
        assertThatThrownBy(() -> ViaSpec.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("empty spec");
    }

    @Test
    void appliesJavaPathAndConnectTimeoutWhenGiven() {
        LocalSpec spec = (LocalSpec) ViaSpec.LOCAL.toConnectionSpec(null, "/opt/jdk/bin/java", Duration.ofSeconds(7));

        assertThat(spec.javaPath()).isEqualTo("/opt/jdk/bin/java");
        assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(spec.via()).isNull();
    }

    @Test
    void keepsTheTransportDefaultsOtherwise() {
        LocalSpec spec = (LocalSpec) ViaSpec.LOCAL.toConnectionSpec(null, null, null);

        assertThat(spec.javaPath()).isEqualTo("java");
        assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
