package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child frozen with SIGSTOP stops reading its stream; the master fills that child's pipe (100 calls with 2 KiB
 * arguments, a few with 256 KiB). Nothing but calls to that child may wait for it: the master's timers (a parallel
 * boot's connect timeout), its loss notices (a sibling killed with SIGKILL), a sibling's round trips and a caller with
 * a deadline all go on as if the frozen child did not exist.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StalledChildIsolationTest {
    private static final int SMALL = 2 * 1024;
    private static final int LARGE = 256 * 1024;

    @Test
    void aStoppedChildWithAFullPipeStallsNobodyElse() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context stalled = router.connect(Local.spec().name("stalled"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Context victim = router.connect(Local.spec().name("victim"));
            long pid = stalled.info().pid();
            long victimPid = victim.info().pid();
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            slowestRoundTripMillis(sibling); // loads the lambda's class in the sibling
            Signals.send("STOP", pid);
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    byte[] arg = new byte[SMALL];
                    queued.add(stalled.callAsync(() -> arg.length));
                }
                for (int i = 0; i < 3; i++) {
                    byte[] arg = new byte[LARGE];
                    queued.add(stalled.callAsync(() -> arg.length));
                }
                long queueing = millisSince(start);
                assertThat(queueing)
                        .as("103 callAsync to a stopped child return at once")
                        .isLessThan(2_000);

                long siblingRoundTrip = slowestRoundTripMillis(sibling);
                assertThat(siblingRoundTrip).as("a sibling's round trip").isLessThan(100);

                long bootStart = System.nanoTime();
                CompletableFuture<Long> boot = CompletableFuture.supplyAsync(() -> {
                    Context late = router.connect(Local.spec().name("late").connectTimeout(Duration.ofSeconds(3)));
                    long took = millisSince(bootStart);
                    assertThat(late.call(() -> "booted")).isEqualTo("booted");
                    return took;
                });

                byte[] big = new byte[LARGE];
                long t = System.nanoTime();
                assertThatThrownBy(() -> stalled.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(2)))
                                .call(() -> big.length))
                        .isInstanceOf(CallTimeoutException.class)
                        .hasMessageContaining("stalled");
                long deadlineCall = millisSince(t);
                assertThat(deadlineCall)
                        .as("a 2 s deadline with a 256 KiB argument to a stopped child")
                        .isLessThan(2_500);

                long lateBoot = boot.get(10, TimeUnit.SECONDS);

                Signals.send("KILL", victimPid);
                t = System.nanoTime();
                while (victim.isAlive() && millisSince(t) < 5_000) {
                    Thread.sleep(10);
                }
                assertThat(victim.isAlive())
                        .as("a sibling killed with SIGKILL reads dead")
                        .isFalse();
                long killNoticed = millisSince(t);
                assertThat(killNoticed).isLessThan(2_000);
                System.out.printf(
                        "stalled child: 103 callAsync queued in %d ms; sibling's slowest round trip %d ms; boot beside"
                                + " it %d ms; 2 s deadline call with 256 KiB failed after %d ms; sibling's SIGKILL"
                                + " seen after %d ms%n",
                        queueing, siblingRoundTrip, lateBoot, deadlineCall, killNoticed);
            } finally {
                Signals.send("CONT", pid);
            }
            for (CompletableFuture<Integer> f : queued) {
                int size = f.get(30, TimeUnit.SECONDS);
                assertThat(size).isIn(SMALL, LARGE);
            }
            assertThat(stalled.call(() -> "resumed")).isEqualTo("resumed");
        }
    }

    @Test
    void aCallerWithoutADeadlineWaitingForRoomIsFreedWhenTheChildIsDeclaredUnresponsive() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context stalled = router.connect(
                    Local.spec().name("stalled").heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2)));
            long pid = stalled.info().pid();
            Signals.send("STOP", pid);
            try {
                CompletableFuture<Throwable> caller = CompletableFuture.supplyAsync(() -> {
                    List<CompletableFuture<Integer>> calls = new ArrayList<>();
                    for (int i = 0; i < 40; i++) { // 10 MiB: past the stream's bound, so this caller waits for room
                        byte[] arg = new byte[LARGE];
                        calls.add(stalled.callAsync(() -> arg.length));
                    }
                    try {
                        calls.get(calls.size() - 1).get(30, TimeUnit.SECONDS);
                        return null;
                    } catch (ExecutionException e) {
                        return e.getCause();
                    } catch (Exception e) {
                        return e;
                    }
                });
                long t = System.nanoTime();

                Throwable failed = caller.get(20, TimeUnit.SECONDS);

                assertThat(failed)
                        .as("the last of 40 calls of 256 KiB to a stopped child, made without a deadline")
                        .isInstanceOf(io.econtext.ContextUnresponsiveException.class)
                        .hasMessageContaining("stalled");
                assertThat(millisSince(t))
                        .as("waited for room until the heartbeat's timeout")
                        .isLessThan(10_000);
                assertThat(stalled.isAlive()).isFalse();
            } finally {
                Signals.send("CONT", pid);
            }
        }
    }

    @Test
    void aCallerWithADeadlineWaitsNoLongerWhileItsArgumentIsWritten() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context stalled = router.connect(Local.spec().name("stalled"));
            long pid = stalled.info().pid();
            Signals.send("STOP", pid);
            try {
                for (int i = 0; i < 3; i++) {
                    byte[] big = new byte[LARGE];
                    long t = System.nanoTime();
                    CompletableFuture<Integer> f = stalled.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(2)))
                            .callAsync(() -> big.length);
                    assertThat(millisSince(t)).as("callAsync returns at once").isLessThan(500);
                    assertThatThrownBy(() -> f.get(2_500, TimeUnit.MILLISECONDS))
                            .isInstanceOf(ExecutionException.class);
                }
                byte[] big = new byte[LARGE];
                long t = System.nanoTime();
                assertThatThrownBy(() -> stalled.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(2)))
                                .call(() -> big.length))
                        .isInstanceOf(CallTimeoutException.class);
                assertThat(millisSince(t)).isLessThan(2_500);
            } finally {
                Signals.send("CONT", pid);
            }
            assertThat(stalled.call(() -> "resumed")).isEqualTo("resumed");
        }
    }

    private static long slowestRoundTripMillis(Context c) {
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            assertThat(c.call(() -> 42)).isEqualTo(42);
            slowest = Math.max(slowest, millisSince(t));
        }
        return slowest;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000L;
    }
}
