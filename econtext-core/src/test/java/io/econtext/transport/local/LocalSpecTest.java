package io.econtext.transport.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local spec checks its settings as every spec does: it once skipped the environment and took any timeout. */
class LocalSpecTest {
    @Test
    void refusesWhatEverySpecRefuses() {
        assertThatThrownBy(() -> Local.spec().environment(Map.of("A-B", "1")))
                .hasMessage("environment : 'A-B' (expected: variable names of letters, digits and _)");
        assertThatThrownBy(() -> Local.spec().connectTimeout(Duration.ofMillis(1)))
                .hasMessage("connectTimeout : 1 ms (expected: >= 100 ms)");
    }
}
