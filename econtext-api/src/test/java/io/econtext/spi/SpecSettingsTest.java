package io.econtext.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CpuScheduling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings every spec shares: one set of defaults, one set of checks with one set of messages. */
class SpecSettingsTest {
    /** A spec that is its own fields only: the example of {@link SettingsSpec}. */
    record TinySpec(SpecSettings settings, int knob) implements SettingsSpec<TinySpec> {
        @Override
        public String scheme() {
            return "tiny";
        }

        @Override
        public TinySpec withSettings(SpecSettings settings) {
            return new TinySpec(settings, knob);
        }
    }

    @Test
    void aSpecOfItsOwnFieldsOnlyGetsEverySharedSettingAndWither() {
        TinySpec s = new TinySpec(SpecSettings.defaults(), 3)
                .name("w1")
                .javaPath("/opt/jdk/bin/java")
                .jvmOption("-Xmx64m")
                .jvmOption("-Xss1m")
                .connectTimeout(Duration.ofSeconds(7))
                .firstStageDirs(List.of("/dev/shm"))
                .environment(Map.of("A", "1"))
                .cpuScheduling(CpuScheduling.INHERIT)
                .heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(3));

        assertThat(s.knob()).isEqualTo(3);
        assertThat(s.name()).isEqualTo("w1");
        assertThat(s.javaPath()).isEqualTo("/opt/jdk/bin/java");
        assertThat(s.jvmOptions()).containsExactly("-Xmx64m", "-Xss1m");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.firstStageDirs()).containsExactly("/dev/shm");
        assertThat(s.environment()).containsExactly(Map.entry("A", "1"));
        assertThat(s.cpuScheduling()).isEqualTo(CpuScheduling.INHERIT);
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.via()).isNull();
        assertThat(s.withoutVia()).isEqualTo(s);
    }

    @Test
    void theDefaultsAreTheRoutersHeartbeatBatchSchedulingAndThirtySeconds() {
        SpecSettings d = SpecSettings.defaults();
        assertThat(d.javaPath()).isEqualTo("java");
        assertThat(d.connectTimeoutMillis()).isEqualTo(30_000);
        assertThat(d.cpuScheduling()).isEqualTo(CpuScheduling.BATCH);
        assertThat(new TinySpec(d, 0).heartbeatInterval()).isNull();
        assertThat(new TinySpec(d, 0).firstStageDirs()).isEmpty();
    }

    @Test
    void refusesBadValuesNamingTheSettingWithOneConnectTimeoutMinimum() {
        TinySpec s = new TinySpec(SpecSettings.defaults(), 0);
        assertThatThrownBy(() -> s.connectTimeout(Duration.ofMillis(99)))
                .hasMessage("connectTimeout : 99 ms (expected: >= 100 ms)");
        assertThat(s.connectTimeout(Duration.ofMillis(100)).connectTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> s.connectTimeout(null)).hasMessageStartingWith("connectTimeout : null");
        assertThatThrownBy(() -> s.environment(Map.of("A-B", "1")))
                .hasMessage("environment : 'A-B' (expected: variable names of letters, digits and _)");
        assertThatThrownBy(() -> s.jvmOption("Xmx1g"))
                .hasMessage("jvmOptions : 'Xmx1g' (expected: options starting with '-')");
        assertThatThrownBy(() -> s.name("a b")).hasMessageStartingWith("name : 'a b'");
        assertThatThrownBy(() -> s.javaPath(" ")).hasMessageStartingWith("javaPath : ' '");
        assertThatThrownBy(() -> s.cpuScheduling(null)).hasMessageStartingWith("cpuScheduling : null");
        assertThatThrownBy(() -> s.heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageStartingWith("heartbeatTimeout : 1000 ms");
        assertThatThrownBy(() -> s.firstStageDirs(null)).hasMessageStartingWith("firstStageDirs : null");
    }
}
