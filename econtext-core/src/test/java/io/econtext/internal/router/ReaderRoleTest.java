package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who reads a stream: inline calls, the spare taking over, hand-offs before blocking, and the end. */
@Timeout(20)
class ReaderRoleTest {
    private final AtomicInteger spawned = new AtomicInteger();
    private final ReaderRole role = new ReaderRole(spawned::incrementAndGet);

    @Test
    void aShortInlineCallKeepsTheReaderAndStartsOneSpare() {
        assertThat(role.take(false)).isTrue();
        boolean[] ran = new boolean[1];

        assertThat(role.runInline(() -> ran[0] = true)).isTrue();

        assertThat(ran[0]).isTrue();
        assertThat(role.isHeldBy(Thread.currentThread())).as("still the reader").isTrue();
        assertThat(spawned).as("a spare was started, since none waited").hasValue(1);
    }

    @Test
    void refusesToRunInlineOnAThreadThatDoesNotRead() {
        boolean[] ran = new boolean[1];

        assertThat(role.runInline(() -> ran[0] = true)).isFalse();

        assertThat(ran[0]).isFalse();
    }

    @Test
    void theSpareTakesOverFromACallStuckPastTheStallBound() throws Exception {
        assertThat(role.take(false)).isTrue();
        Thread reader = Thread.currentThread();
        CountDownLatch callStarted = new CountDownLatch(1);
        CompletableFuture<Long> spareReadsAfter = new CompletableFuture<>();
        Thread spare = new Thread(() -> {
            try {
                callStarted.await();
                long start = System.nanoTime();
                spareReadsAfter.complete(role.take(true) ? System.nanoTime() - start : -1);
            } catch (InterruptedException e) {
                spareReadsAfter.completeExceptionally(e);
            }
        });
        spare.start();

        role.runInline(() -> {
            callStarted.countDown();
            sleep(300);
        });

        long nanos = spareReadsAfter.get(5, TimeUnit.SECONDS);
        assertThat(nanos).as("the spare read").isPositive();
        assertThat(Duration.ofNanos(nanos)).isLessThan(Duration.ofMillis(200));
        assertThat(role.isHeldBy(spare)).isTrue();
        assertThat(role.isHeldBy(reader)).as("the stuck thread lost the role").isFalse();
        spare.join();
    }

    @Test
    void handsReadingOverAtOnceBeforeTheCallBlocks() throws Exception {
        assertThat(role.take(false)).isTrue();
        Thread me = Thread.currentThread();
        boolean[] heldAfterHandOff = {true};

        role.runInline(() -> {
            ReaderRole.beforeBlocking(); // no spare waits yet, so only the hand-off can take the role away
            heldAfterHandOff[0] = role.isHeldBy(me);
        });

        assertThat(heldAfterHandOff[0])
                .as("still the reader right after beforeBlocking()")
                .isFalse();
        CompletableFuture<Boolean> spareRead = new CompletableFuture<>();
        Thread spare = new Thread(() -> spareRead.complete(role.take(true)));
        spare.start();
        assertThat(spareRead.get(5, TimeUnit.SECONDS))
                .as("the free role is taken at once")
                .isTrue();
        assertThat(role.isHeldBy(spare)).isTrue();
        spare.join();
    }

    @Test
    void beforeBlockingOutsideAnInlineCallChangesNothing() {
        assertThat(role.take(false)).isTrue();

        ReaderRole.beforeBlocking();

        assertThat(role.isHeldBy(Thread.currentThread())).isTrue();
    }

    @Test
    void aSecondWaitingSpareEndsAndTheEndReleasesEveryWaiter() throws Exception {
        assertThat(role.take(false)).isTrue();
        CompletableFuture<Boolean> first = new CompletableFuture<>();
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        new Thread(() -> first.complete(role.take(true))).start();
        sleep(50);
        new Thread(() -> second.complete(role.take(true))).start();

        assertThat(second.get(5, TimeUnit.SECONDS))
                .as("a spare that finds another waiting ends")
                .isFalse();
        assertThat(first).isNotDone();

        role.end();

        assertThat(first.get(5, TimeUnit.SECONDS)).as("the stream ended").isFalse();
        assertThat(role.take(false)).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
