package io.econtext.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SpinTest {
    @Test
    void spinsTheBaseTimeUntilItHasLearnedAnything() {
        assertThat(new Spin().budgetNanos()).isEqualTo(Spin.BASE_NANOS);
    }

    @Test
    void spinsAboutTwiceTheTypicalRoundTripOfItsContext() {
        Spin spin = new Spin();

        answerRepeatedly(spin, 120_000);

        assertThat(spin.budgetNanos()).isBetween(230_000L, 260_000L);
    }

    @Test
    void neverSpinsLessThanTheBaseTime() {
        Spin spin = new Spin();

        answerRepeatedly(spin, 1_000);

        assertThat(spin.budgetNanos()).isEqualTo(Spin.BASE_NANOS);
    }

    @Test
    void spinsOnlyTheBaseTimeForCallsThatUsuallyTakeLong() {
        Spin spin = new Spin();

        answerRepeatedly(spin, 5_000_000);

        assertThat(spin.budgetNanos()).isEqualTo(Spin.BASE_NANOS);
    }

    @Test
    void comesBackToSpinningOnceCallsAreQuickAgain() {
        Spin spin = new Spin();
        answerRepeatedly(spin, 5_000_000);

        answerRepeatedly(spin, 100_000);

        assertThat(spin.budgetNanos()).isBetween(190_000L, 230_000L);
    }

    @Test
    void waitsNoLongerThanItsBudgetForAnAnswerThatDoesNotCome() {
        Spin spin = new Spin();
        long start = System.nanoTime();

        spin.until(new java.util.concurrent.CompletableFuture<Object>(), start);

        assertThat(System.nanoTime() - start).isLessThan(50_000_000L);
    }

    @Test
    void learnsFromTheTimeSinceTheCallStarted() {
        Spin spin = new Spin();

        for (int i = 0; i < 100; i++) {
            spin.answered(System.nanoTime() - 5_000_000);
        }

        assertThat(spin.budgetNanos()).isEqualTo(Spin.BASE_NANOS);
    }

    /**
     * Round trips of exactly {@code nanos} each. Not through {@code answered(System.nanoTime() - nanos)}: a thread
     * descheduled between the two clock reads (a loaded 2-core machine) made the samples tens of µs longer.
     */
    private static void answerRepeatedly(Spin spin, long nanos) {
        for (int i = 0; i < 100; i++) {
            spin.learn(nanos);
        }
    }
}
