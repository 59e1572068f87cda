package io.econtext.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names withheld from started processes; the CLI's test checks real processes' {@code /proc/PID/environ}. */
class InheritedEnvironmentTest {
    @Test
    void aWithheldNameIsRemovedAndEverythingElseKept() {
        String name = "ECONTEXT_TEST_WITHHELD_" + Long.toHexString(System.nanoTime());
        InheritedEnvironment.withhold(name);
        Map<String, String> env = new HashMap<>(Map.of(name, "secret", "KEPT", "value"));

        InheritedEnvironment.scrub(env);

        assertThat(env).containsExactly(Map.entry("KEPT", "value"));
        assertThat(InheritedEnvironment.withheld()).contains(name);
        assertThat(InheritedEnvironment.processBuilder("true").environment()).doesNotContainKey(name);
    }

    @Test
    void namesThatCannotBeVariablesAreRefused() {
        assertThatThrownBy(() -> InheritedEnvironment.withhold("A=B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name : 'A=B'");
        assertThatThrownBy(() -> InheritedEnvironment.withhold("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InheritedEnvironment.withhold(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
