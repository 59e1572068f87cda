package io.econtext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The heartbeat's settings, router-wide and per spec: defaults, and what is refused with which message. */
class HeartbeatOptionsTest {
    @Test
    void theRouterDefaultsToAPingAfterFiveSecondsAndUnresponsiveAfterThirty() {
        RouterOptions d = RouterOptions.defaults();
        assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        RouterOptions tuned = d.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(tuned.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tuned.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tuned.withMaxFrameSize(4096).heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesAHeartbeatThatCannotWork() {
        RouterOptions d = RouterOptions.defaults();
        assertThatThrownBy(() -> d.withHeartbeat(Duration.ofMillis(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatInterval : 5 ms (expected: >= 10 ms)");
        assertThatThrownBy(() -> d.withHeartbeat(Duration.ofSeconds(1), Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatTimeout : 1500 ms (expected: >= 2 x heartbeatInterval = 2000 ms)");
        assertThatThrownBy(() -> d.withHeartbeat(null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("heartbeat : null");
        assertThatThrownBy(() -> Local.spec().heartbeat(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatInterval : PT-1S (expected: a positive duration)");
        assertThatThrownBy(() -> Local.spec().heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatTimeout : 3000 ms (expected: >= 2 x heartbeatInterval = 4000 ms)");
    }

    @Test
    void aSpecTakesTheRoutersHeartbeatUnlessItSetsItsOwn() {
        LocalSpec spec = Local.spec();
        assertThat(spec.heartbeatInterval()).isNull();
        assertThat(spec.heartbeatTimeout()).isNull();
        LocalSpec own =
                spec.heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2)).name("x");
        assertThat(own.heartbeatInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(own.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(own.withoutVia().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
