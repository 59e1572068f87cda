package io.econtext.testkit.assertj;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static io.econtext.testkit.assertj.EcontextAssertions.assertThatThrownBy;

import io.econtext.Context;
import io.econtext.testkit.StubContext;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EcontextTest
class ContextAssertTest {
    @Test
    void passesForALiveContextWithItsNameAndUser(@LocalContext(name = "probe") Context c) {
        assertThat(c).isAlive().hasName("probe").runsAs(System.getProperty("user.name"));
    }

    @Test
    void waitsUntilAContextIsDead(@LocalContext(name = "probe") Context c) {
        c.callNoReply(() -> Runtime.getRuntime().halt(3));

        assertThat(c).isDead();
        assertThatThrownBy(() -> assertThat(c).isAlive())
                .hasMessageStartingWith(
                        "Expecting context 'probe' to be alive, but it is gone: context 'probe'" + " disconnected: ");
    }

    @Test
    void namesTheExpectedAndActualValuesWhenTheyDiffer() {
        Context c = StubContext.named("probe");

        assertThatThrownBy(() -> assertThat(c).hasName("other"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context name to be 'other' but was 'probe'");
        assertThatThrownBy(() -> assertThat(c).runsAs("bob"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context 'probe' to run as user 'bob' but it runs as 'alice'");
    }

    @Test
    void failsIsDeadWhenTheContextOutlivesTheBound() {
        Context c = StubContext.named("probe");

        assertThatThrownBy(() -> assertThat(c).within(Duration.ofMillis(100)).isDead())
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "Expecting context 'probe' (pid 42 on box) to be dead within 100 ms, but it is still alive");
    }

    @Test
    void saysWhyAContextIsNotAlive() {
        Context c = StubContext.named("probe").disconnect("its stream closed");

        assertThatThrownBy(() -> assertThat(c).isAlive())
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context 'probe' to be alive, but it is gone: context 'probe' disconnected: its"
                        + " stream closed");
    }

    @Test
    void putsTheDescriptionGivenWithAsInFront() {
        assertThatThrownBy(() ->
                        assertThat(StubContext.named("probe")).as("the worker").hasName("other"))
                .hasMessage("[the worker] Expecting context name to be 'other' but was 'probe'");
    }

    @Test
    void failsOnNull() {
        assertThatThrownBy(() -> assertThat((Context) null).isAlive())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void refusesANegativeBound() {
        assertThatThrownBy(() -> assertThat(StubContext.named("probe")).within(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound : PT-1S (expected: >= 0)");
    }
}
