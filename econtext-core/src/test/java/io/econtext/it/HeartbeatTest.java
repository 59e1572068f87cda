package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextUnresponsiveException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.transport.local.Local;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Liveness: a context frozen with SIGSTOP stops answering heartbeats and is declared unresponsive by the context whose
 * stream leads to it (the master, or an intermediate, which reports it upward with its name and silence): its calls
 * fail with {@link ContextUnresponsiveException}, it reads dead, and its process ends. A context that is only busy,
 * or floods its parent, answers and lives on.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeartbeatTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Detection within the timeout, a check period, and a loaded 2-core machine's scheduling. */
    private static final Duration SLACK = Duration.ofSeconds(6);

    @Test
    void aStoppedChildWithNothingPendingReadsDeadAndItsCallsFailNamingIt() throws Exception {
        try (Router router = Econtext.newRouter()) { // the router's default is 30 s: the spec's own heartbeat applies
            Context frozen = router.connect(Local.spec().name("frozen").heartbeat(INTERVAL, TIMEOUT));
            Context sibling = router.connect(Local.spec().name("sibling"));
            long pid = frozen.info().pid();
            assertThat(frozen.call(() -> "warm")).isEqualTo("warm");
            Signals.send("STOP", pid);
            try {
                CompletableFuture<Integer> pending = frozen.callAsync(() -> 42);
                assertThat(Eventually.holds(TIMEOUT.plus(SLACK), () -> !frozen.isAlive()))
                        .as("a stopped child reads dead")
                        .isTrue();

                ContextUnresponsiveException e = unresponsive(pending);
                assertThat(e.contextName()).isEqualTo("frozen");
                assertThat(e.unresponsiveContextName()).isEqualTo("frozen");
                assertThat(e.silence()).isGreaterThanOrEqualTo(TIMEOUT);
                assertThat(e).hasMessageContaining("'frozen'").hasMessageContaining("unresponsive");
                assertThat(frozen.onDisconnect().get(1, TimeUnit.SECONDS))
                        .isInstanceOf(ContextUnresponsiveException.class);
                assertThat(Pids.stillRunningAfter(SLACK, pid))
                        .as("the stopped child's process is ended")
                        .isEmpty();
            } finally {
                Signals.send("CONT", pid);
            }
            assertThat(sibling.isAlive()).isTrue();
            assertThat(sibling.call(() -> "fine")).isEqualTo("fine");
        }
    }

    @Test
    void aCallerWhoseCallFailedForTheLossReadsTheContextDeadAtOnce() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context frozen = router.connect(Local.spec().name("frozen").heartbeat(INTERVAL, TIMEOUT));
            Context killed = router.connect(Local.spec().name("killed"));
            long frozenPid = frozen.info().pid();
            assertThat(frozen.call(() -> "warm")).isEqualTo("warm");
            assertThat(killed.call(() -> "warm")).isEqualTo("warm");
            Signals.send("STOP", frozenPid);
            try {
                CompletableFuture<Integer> toFrozen = frozen.callAsync(() -> 42);
                CompletableFuture<Integer> toKilled = killed.callAsync(() -> {
                    Thread.sleep(60_000);
                    return 42;
                });
                Signals.send("KILL", killed.info().pid());

                // isAlive() is read on the caller's thread the moment its call failed: the loss is known by then
                assertThat(aliveWhenItsCallFailed(killed, toKilled))
                        .as("'killed' alive")
                        .isFalse();
                assertThat(aliveWhenItsCallFailed(frozen, toFrozen))
                        .as("'frozen' alive")
                        .isFalse();
            } finally {
                Signals.send("CONT", frozenPid);
            }
        }
    }

    @Test
    void whatAnUnresponsiveChildSendsOnceResumedIsDroppedQuietly() throws Exception {
        try (Router router = Econtext.newRouter();
                HostileControlTrafficTest.Capture warnings =
                        HostileControlTrafficTest.Capture.of("io.econtext.internal.router.RouterCore")) {
            Context frozen = router.connect(Local.spec().name("frozen").heartbeat(INTERVAL, TIMEOUT));
            long pid = frozen.info().pid();
            assertThat(frozen.call(() -> "warm")).isEqualTo("warm");
            Signals.send("STOP", pid);
            CompletableFuture<Integer> pending;
            try {
                pending = frozen.callAsync(() -> 42); // in its pipe: answered the moment it runs again
                assertThat(Eventually.holds(TIMEOUT.plus(SLACK), () -> !frozen.isAlive()))
                        .isTrue();
            } finally {
                Signals.send("CONT", pid); // before its process is ended: it reads the call and answers
            }
            assertThat(unresponsive(pending).contextName()).isEqualTo("frozen");
            assertThat(Pids.stillRunningAfter(SLACK, pid)).isEmpty();

            assertThat(warnings.messages())
                    .as("what the router warned of, the answer of a context it had declared gone among it?")
                    .noneMatch(w -> w.contains("not reachable"))
                    .anyMatch(w -> w.contains("frozen was unresponsive"));
        }
    }

    @Test
    void codeInAChildWhoseCallFailedForTheLossReadsTheContextDeadAtOnce() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Local.spec().name("hop-a"));
            Context below = router.connect(Local.spec().name("below").via(a));
            long pid = below.info().pid();
            assertThat(below.call(() -> "warm")).isEqualTo("warm");

            // in hop-a: a call to its child, which is then killed; hop-a's own router notices the loss
            boolean alive = a.call(() -> {
                CompletableFuture<Integer> call = below.callAsync(() -> {
                    Thread.sleep(60_000);
                    return 42;
                });
                new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                return aliveWhenItsCallFailed(below, call);
            });

            assertThat(alive).as("'below' alive, read in hop-a").isFalse();
        }
    }

    private static boolean aliveWhenItsCallFailed(Context c, CompletableFuture<?> call) throws Exception {
        try {
            call.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            boolean alive = c.isAlive();
            assertThat(e.getCause()).isInstanceOf(ContextDisconnectedException.class);
            return alive;
        }
        throw new AssertionError("the call to " + c.name() + " succeeded");
    }

    @Test
    void aStoppedSecondHopIsDetectedByTheFirstAndReportedWithItsName() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withHeartbeat(INTERVAL, TIMEOUT))) {
            Context a = router.connect(Local.spec().name("hop-a"));
            Context b = router.connect(Local.spec().name("hop-b").via(a));
            Context c = router.connect(Local.spec().name("hop-c").via(b));
            long pidB = b.info().pid();
            long pidC = c.info().pid();
            assertThat(c.call(() -> "warm")).isEqualTo("warm");
            Signals.send("STOP", pidB);
            List<CompletableFuture<Integer>> pending;
            try {
                pending = List.of(b.callAsync(() -> 1), c.callAsync(() -> 2));

                ContextUnresponsiveException toB = unresponsive(pending.get(0));
                assertThat(toB.contextName()).isEqualTo("hop-b");
                assertThat(toB.unresponsiveContextName()).isEqualTo("hop-b");
                assertThat(toB.silence()).isGreaterThanOrEqualTo(TIMEOUT);
                assertThat(toB.getMessage()).doesNotContain("reported them gone");

                ContextUnresponsiveException toC = unresponsive(pending.get(1));
                assertThat(toC.contextName()).isEqualTo("hop-c");
                assertThat(toC.unresponsiveContextName()).isEqualTo("hop-b");
                assertThat(toC).hasMessageContaining("through which it is reached");

                assertThat(Eventually.holds(SLACK, () -> !b.isAlive() && !c.isAlive()))
                        .isTrue();
                assertThat(a.isAlive()).as("the first hop lives on").isTrue();
                assertThat(a.call(() -> "alive")).isEqualTo("alive");
                assertThat(Pids.stillRunningAfter(SLACK, pidB))
                        .as("hop-b is ended by hop-a")
                        .isEmpty();
            } finally {
                Signals.send("CONT", pidB);
            }
            assertThat(Pids.stillRunningAfter(SLACK, pidB, pidC))
                    .as("after SIGCONT nothing of the lost branch is left")
                    .isEmpty();
            assertThat(a.call(() -> "still")).isEqualTo("still");
        }
    }

    @Test
    void aBusyOrFloodingChildIsNotDeclaredUnresponsive() throws Exception {
        try (Router router = Econtext.newRouter(
                RouterOptions.defaults().withHeartbeat(INTERVAL, TIMEOUT).withOutput((ctx, stream, line) -> {}))) {
            Context busy = router.connect(Local.spec().name("busy"));
            Context below = router.connect(Local.spec().name("below-busy").via(busy));
            long sleepMillis = TIMEOUT.toMillis() * 2;

            assertThat(busy.call(() -> {
                        Thread.sleep(sleepMillis);
                        return "slept";
                    }))
                    .as("a call that runs twice the timeout")
                    .isEqualTo("slept");
            assertThat(busy.call(() -> {
                        long end = System.nanoTime() + sleepMillis * 1_000_000L;
                        long n = 0;
                        while (System.nanoTime() < end) {
                            System.out.println("flood line " + n++);
                        }
                        return n;
                    }))
                    .as("a child that floods its parent with output")
                    .isPositive();
            assertThat(below.call(() -> {
                        Thread.sleep(sleepMillis);
                        return "slept below";
                    }))
                    .isEqualTo("slept below");
            assertThat(busy.isAlive()).isTrue();
            assertThat(below.isAlive()).isTrue();
        }
    }

    @Test
    void childrenWhoseMasterIsStoppedExitAndLeaveNothing() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process master = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HeartbeatHolderMain.class.getName(),
                        Long.toString(INTERVAL.toMillis()),
                        Long.toString(TIMEOUT.toMillis()))
                .redirectErrorStream(true)
                .start();
        long[] pids;
        try {
            pids = Pids.printedBy(master, "heartbeat-holder", null);
            assertThat(pids).as("pids printed by the master").hasSize(2);
            Thread.sleep(TIMEOUT.toMillis() * 2);
            assertThat(Pids.stillRunningAfter(Duration.ZERO, pids))
                    .as("an idle chain under a live master lives on past the timeout")
                    .hasSize(2);

            Signals.send("STOP", master.pid());
            assertThat(Pids.stillRunningAfter(TIMEOUT.plus(SLACK), pids))
                    .as("children of a stopped master are gone after the timeout")
                    .isEmpty();
        } finally {
            master.destroyForcibly();
            master.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static ContextUnresponsiveException unresponsive(CompletableFuture<?> pending) throws Exception {
        Object value;
        try {
            value = pending.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ContextUnresponsiveException.class);
            return (ContextUnresponsiveException) e.getCause();
        }
        throw new AssertionError("the call to a stopped context succeeded: " + value);
    }
}
