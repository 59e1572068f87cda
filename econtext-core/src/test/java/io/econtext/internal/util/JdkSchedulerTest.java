package io.econtext.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JdkSchedulerTest {
    private final JdkScheduler scheduler = new JdkScheduler("test-timer");

    @AfterEach
    void shutdown() {
        scheduler.shutdown();
    }

    @Test
    void runsTimersInTheOrderTheyAreDueAndNotTheCancelledOnes() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.schedule(() -> ran.add("third"), 150);
        scheduler.schedule(() -> ran.add("first"), 10);
        Scheduler.Cancellable cancelled = scheduler.schedule(() -> ran.add("cancelled"), 50);
        scheduler.schedule(() -> ran.add("second"), 80);
        scheduler.schedule(done::countDown, 200);
        cancelled.cancel();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void aTaskThatBlocksOnItsOwnThreadHoldsUpNoTimerAndAFailingTimerNoneAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch timer = new CountDownLatch(1);
        scheduler.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        scheduler.schedule(
                () -> {
                    throw new IllegalStateException("a failing timer task (expected in this test)");
                },
                1);
        scheduler.schedule(timer::countDown, 20);

        assertThat(timer.await(5, TimeUnit.SECONDS))
                .as("a timer after a blocked task and a failed one")
                .isTrue();
        release.countDown();
    }

    @Test
    void runsNothingAfterShutdown() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler.schedule(() -> ran.add("late"), 100);
        scheduler.shutdown();
        scheduler.schedule(() -> ran.add("after"), 1);
        scheduler.execute(() -> ran.add("executed"));

        Thread.sleep(300);
        assertThat(ran).isEmpty();
    }
}
