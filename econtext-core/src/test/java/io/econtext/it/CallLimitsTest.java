package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Caller;
import io.econtext.Context;
import io.econtext.ContextBusyException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.router.Handles;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Limits and deadlines of calls in real child JVMs: a context's limit on concurrent calls queues calls (and refuses
 * one call, typed, when the queue is full) instead of killing the context; a call whose deadline passed, or whose
 * future was cancelled, is interrupted in the child, so the calls behind it run at once.
 *
 * <p>The fields below are set by the calls in the child (its own copy of this class) and read there by later calls.
 */
@Timeout(120)
class CallLimitsTest {
    private static final CallOptions CONCURRENT = CallOptions.DEFAULT.withConcurrent(true);

    /** In the child: what the last interrupted call saw ("interrupted after N ms"), or null. */
    static volatile String interrupted;
    /** In the child: set by a call that ran. */
    static volatile boolean ran;

    @Test
    void runsAThousandConcurrentLongCallsAndAnswersOrdinaryCallsMeanwhile() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("crowded"));
            Caller concurrent = c.with(CONCURRENT);
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                calls.add(concurrent.callAsync(() -> {
                    Thread.sleep(200);
                    return n;
                }));
            }

            long ordinaryStart = System.nanoTime();
            assertThat(c.call(() -> "ordinary")).isEqualTo("ordinary");
            Duration ordinary = Duration.ofNanos(System.nanoTime() - ordinaryStart);
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(ordinary)
                    .as("an ordinary call while 1,000 concurrent calls run or wait")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(took)
                    .as("1,000 calls of 200 ms on 256 threads: 4 rounds")
                    .isLessThan(Duration.ofSeconds(15));
            assertThat(c.isAlive()).isTrue();
            assertThat(concurrent.call(() -> "still answering")).isEqualTo("still answering");
        }
    }

    @Test
    void refusesOnlyTheCallThatFindsTheQueueFullAndRunsTheOthers() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec()
                    .name("small-queue")
                    .jvmOption("-Decontext.concurrentCalls=2")
                    .jvmOption("-Decontext.queuedCalls=3"));
            Caller concurrent = c.with(CONCURRENT);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(concurrent.callAsync(() -> {
                    Thread.sleep(500);
                    return "ran";
                }));
            }

            Throwable refused = catchThrowable(() -> concurrent.call(() -> "one too many"));

            assertThat(refused)
                    .isInstanceOf(ContextBusyException.class)
                    .hasMessageContaining("small-queue")
                    .hasMessageContaining("2 concurrent calls run and 3 more wait")
                    .hasMessageContaining("-Decontext.queuedCalls");
            for (CompletableFuture<String> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("ran");
            }
            assertThat(concurrent.call(() -> "room again")).isEqualTo("room again");
            assertThat(c.call(() -> "serial")).isEqualTo("serial");
        }
    }

    @Test
    void boundsTheSerialQueueByCallsAndRefusesOnlyTheCallsThatFindItFull() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("serial-queue").jvmOption("-Decontext.queuedCalls=3"));
            CompletableFuture<String> first = c.callAsync(CallLimitsTest::holdUntilReleased);
            awaitHolding(c.with(CONCURRENT));
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                queued.add(c.callAsync(() -> n));
            }

            Throwable refused = catchThrowable(() -> c.callAsync(() -> -1).get(10, TimeUnit.SECONDS));
            c.with(CONCURRENT).call(CallLimitsTest::release);

            assertThat(refused).isInstanceOf(ExecutionException.class);
            assertThat(refused.getCause())
                    .isInstanceOf(ContextBusyException.class)
                    .hasMessageContaining("serial-queue")
                    .hasMessageContaining("3 calls")
                    .hasMessageContaining("-Decontext.queuedCalls");
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("released");
            for (int i = 0; i < queued.size(); i++) {
                assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
            assertThat(c.call(() -> "room again")).isEqualTo("room again");
        }
    }

    @Test
    void boundsTheSerialAndConcurrentQueuesByBytes() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec()
                    .name("byte-queue")
                    .jvmOption("-Decontext.concurrentCalls=1")
                    .jvmOption("-Decontext.queuedCallBytes=300000"));
            for (Caller caller : List.of(c, c.with(CONCURRENT))) {
                byte[] chunk = new byte[100_000];
                CompletableFuture<String> first = caller.callAsync(CallLimitsTest::holdUntilReleased);
                Caller probe = caller == c ? c.with(CONCURRENT) : c; // the one of the two kinds not held up
                awaitHolding(probe);
                List<CompletableFuture<Integer>> queued = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    queued.add(caller.callAsync(() -> chunk.length));
                }

                Throwable refused = catchThrowable(
                        () -> caller.callAsync(() -> chunk.length).get(10, TimeUnit.SECONDS));
                probe.call(CallLimitsTest::release);

                assertThat(refused.getCause())
                        .as("a third call of 100 KB beside two queued, with a bound of 300,000 bytes")
                        .isInstanceOf(ContextBusyException.class)
                        .hasMessageContaining("-Decontext.queuedCallBytes");
                assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("released");
                for (CompletableFuture<Integer> q : queued) {
                    assertThat(q.get(10, TimeUnit.SECONDS)).isEqualTo(100_000);
                }
            }
        }
    }

    @Test
    void interruptsACallWhoseDeadlinePassedSoTheNextCallAnswersAtOnce() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("deadline"));
            Throwable timedOut = catchThrowable(() -> c.with(CallOptions.DEFAULT.withDeadline(Duration.ofMillis(300)))
                    .call(CallLimitsTest::sleepTenSeconds));
            long start = System.nanoTime();
            String seen = c.call(() -> interrupted);
            Duration next = Duration.ofNanos(System.nanoTime() - start);

            assertThat(timedOut).isInstanceOf(CallTimeoutException.class).hasMessageContaining("'deadline'");
            assertThat(seen).as("what the timed-out call saw in the child").startsWith("interrupted after");
            assertThat(next).as("the next call, behind the timed-out one").isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void failsAnAsyncCallWhoseDeadlinePassedWithTheTypedTimeoutAndInterruptsIt() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("async-deadline"));
            CompletableFuture<String> call = c.with(CallOptions.DEFAULT.withDeadline(Duration.ofMillis(300)))
                    .callAsync(CallLimitsTest::sleepTenSeconds);

            Throwable failed = catchThrowable(() -> call.get(5, TimeUnit.SECONDS));
            Throwable joined = catchThrowable(call::join);
            long start = System.nanoTime();
            String seen = c.call(() -> interrupted);
            Duration next = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failed).isInstanceOf(ExecutionException.class);
            assertThat(failed.getCause())
                    .isInstanceOf(CallTimeoutException.class)
                    .hasMessage("call to context 'async-deadline' did not answer within 300 ms");
            assertThat(((CallTimeoutException) failed.getCause()).contextName()).isEqualTo("async-deadline");
            assertThat(((CallTimeoutException) failed.getCause()).deadline()).isEqualTo(Duration.ofMillis(300));
            assertThat(joined).isInstanceOf(CompletionException.class);
            assertThat(joined.getCause()).isInstanceOf(CallTimeoutException.class);
            assertThat(seen).startsWith("interrupted after");
            assertThat(next).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void cancellingAnAsyncCallInterruptsItInTheChild() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("cancelled"));
            for (Caller caller : List.of(c, c.with(CONCURRENT))) {
                assertThat(c.call(CallLimitsTest::forget)).isNull();
                CompletableFuture<String> call = caller.callAsync(CallLimitsTest::sleepTenSeconds);
                Thread.sleep(300);

                assertThat(call.cancel(true)).isTrue();
                String seen = null;
                long start = System.nanoTime();
                while (seen == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                    seen = c.with(CONCURRENT).call(() -> interrupted);
                }
                Duration next = Duration.ofNanos(System.nanoTime() - start);

                assertThat(call).isCancelled();
                assertThat(seen).as("what the cancelled call saw").startsWith("interrupted after");
                assertThat(next).isLessThan(Duration.ofSeconds(2));
                assertThat(c.call(() -> "after")).isEqualTo("after");
            }
        }
    }

    @Test
    void dropsACancelledCallThatHasNotStarted() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("queued"));
            CompletableFuture<String> first = c.callAsync(() -> {
                Thread.sleep(500);
                return "first";
            });
            CompletableFuture<Boolean> second = c.callAsync(() -> ran = true);

            second.cancel(true);

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(c.call(() -> ran)).as("the cancelled call ran").isFalse();
        }
    }

    @Test
    void refusesACancelFromAChildOrForgedByIt() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context top = router.connect(Local.spec().name("top"));
            Context below = router.connect(Local.spec().name("below").via(top));
            assertThat(below.call(() -> "warm")).isEqualTo("warm");
            CompletableFuture<String> call = top.callAsync(() -> {
                Thread.sleep(1000);
                return "slept";
            });
            byte[] handle = ByteBuffer.allocate(4).putInt(replyHandleOf(call)).array();
            byte[] own = Frames.encode(Message.of(top.id(), below.id(), Handles.CANCEL, 0, 0, handle));
            byte[] forged = Frames.encode(Message.of(top.id(), 0, Handles.CANCEL, 0, 0, handle));

            below.call(() -> StreamIsolationTest.writeToProtocolStream(own));
            below.call(() -> StreamIsolationTest.writeToProtocolStream(forged));

            assertThat(call.get(10, TimeUnit.SECONDS))
                    .as("the call a child tried to cancel")
                    .isEqualTo("slept");
            assertThat(top.call(() -> interrupted)).isNull();
            assertThat(below.call(() -> "below lives")).isEqualTo("below lives");
        }
    }

    /** The reply handle of the request behind a future {@code callAsync} returned (what a CANCEL names). */
    private static int replyHandleOf(CompletableFuture<?> future) throws Exception {
        Field handle = future.getClass().getDeclaredField("replyHandle");
        handle.setAccessible(true);
        return handle.getInt(future);
    }

    /** In the child: set while {@link #holdUntilReleased} holds its thread. */
    static volatile java.util.concurrent.CountDownLatch hold;

    /** In the child: holds its thread until {@link #release()}. */
    static String holdUntilReleased() throws InterruptedException {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        hold = latch;
        latch.await(30, TimeUnit.SECONDS);
        return "released";
    }

    /** In the child: lets {@link #holdUntilReleased} return. */
    static boolean release() {
        java.util.concurrent.CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
        return latch != null;
    }

    /** Waits until a call holds its thread in the child, asking through {@code probe}. */
    private static void awaitHolding(Caller probe) throws Exception {
        long start = System.nanoTime();
        while (!probe.call(() -> hold != null)) {
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
            Thread.sleep(10);
        }
    }

    /** In the child: forgets what an earlier call saw. */
    static String forget() {
        interrupted = null;
        return null;
    }

    /** In the child: sleeps 10 s, noting an interruption. */
    static String sleepTenSeconds() throws InterruptedException {
        long start = System.nanoTime();
        try {
            Thread.sleep(10_000);
            return "slept";
        } catch (InterruptedException e) {
            interrupted = "interrupted after " + (System.nanoTime() - start) / 1_000_000 + " ms";
            throw e;
        }
    }
}
