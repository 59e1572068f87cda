package io.econtext.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.BootstrapException;
import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault kind, with the effect a user's code sees. Real local child JVMs. */
@Timeout(60)
class FaultsTest {
    private Router router;

    @BeforeEach
    void start() {
        router = Econtext.newRouter();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    private static CompletableFuture<Object> pending(Context c) {
        return c.with(CallOptions.DEFAULT.withConcurrent(true)).callAsync(() -> {
            Thread.sleep(30_000);
            return "too late";
        });
    }

    private static Throwable cause(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void killFailsPendingCallsNamingTheContextAndLeavesSiblingsAlone() throws Exception {
        Context victim = router.connect(Local.spec().name("victim"));
        Context sibling = router.connect(Local.spec().name("sibling"));
        CompletableFuture<Object> call = pending(victim);
        long pid = victim.info().pid();

        Faults.on(victim).kill();

        assertThat(cause(call)).isInstanceOf(ContextDisconnectedException.class).hasMessageContaining("victim");
        assertThat(LocalProcesses.stillRunningAfter(Duration.ofSeconds(5), List.of(pid)))
                .isEmpty();
        assertThat(sibling.call(() -> "still here")).isEqualTo("still here");
    }

    @Test
    void aStalledContextTripsTheCallersDeadlineThenAnswersAgain() throws Exception {
        Context c = router.connect(Local.spec().name("stalled"));
        Faults.on(c).stall(Duration.ofSeconds(2));

        Throwable t = catchThrowable(() ->
                c.with(CallOptions.DEFAULT.withDeadline(Duration.ofMillis(500))).call(() -> "answer"));
        assertThat(t).isInstanceOf(CallTimeoutException.class);
        assertThat(c.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(10)))
                        .call(() -> "answer"))
                .as("after SIGCONT")
                .isEqualTo("answer");
    }

    @Test
    void aDroppedStreamFailsPendingCallsNamingTheContext() throws Exception {
        Context c = router.connect(Local.spec().name("dropped"));
        c.call(() -> "this class is loaded there now");
        CompletableFuture<Object> call = pending(c);

        Faults.on(c).dropStream();

        assertThat(cause(call)).isInstanceOf(ContextDisconnectedException.class).hasMessageContaining("dropped");
        assertThat(c.onDisconnect().get(5, TimeUnit.SECONDS)).hasMessageContaining("dropped");
        assertThat(c.isAlive()).isFalse();
    }

    @Test
    void aCorruptedFrameClosesOnlyThatStream() throws Exception {
        Context c = router.connect(Local.spec().name("garbled"));
        Context sibling = router.connect(Local.spec().name("clean"));

        CompletableFuture<Object> call = pending(c);
        Faults.on(c).corruptNextFrame();

        assertThat(cause(call)).isInstanceOf(ContextDisconnectedException.class).hasMessageContaining("garbled");
        assertThat(c.onDisconnect().get(5, TimeUnit.SECONDS).getMessage()).contains("corrupt input");
        assertThat(catchThrowable(() -> c.call(() -> "too late"))).isInstanceOf(ContextDisconnectedException.class);
        assertThat(sibling.call(() -> "unharmed")).isEqualTo("unharmed");
        assertThat(router.connect(Local.spec()).call(() -> "the master boots on"))
                .isEqualTo("the master boots on");
    }

    @Test
    void delayedMessagesSlowEveryAnswerUntilCleared() {
        Context c = router.connect(Local.spec().name("slow"));
        Faults faults = Faults.on(c);

        faults.delayMessages(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        c.call(() -> 1);
        long delayed = System.nanoTime() - t0;
        faults.clear();
        long t1 = System.nanoTime();
        c.call(() -> 1);
        long normal = System.nanoTime() - t1;

        assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(normal)).isLessThan(Duration.ofMillis(250));
    }

    @Test
    void theNextCallsThrowTheInjectedRemoteFailureThenCallsRunAgain() {
        Context c = router.connect(Local.spec());
        Faults.on(c).failNextCalls(2, IOException.class, "disk gone");

        for (int i = 0; i < 2; i++) {
            Throwable t = catchThrowable(() -> c.call(() -> "ran"));
            assertThat(t).isInstanceOf(RemoteCallException.class).hasMessageContaining("disk gone");
            assertThat(((RemoteCallException) t).remoteClassName()).isEqualTo("java.io.IOException");
        }
        assertThat(c.call(() -> "ran")).isEqualTo("ran");
    }

    @Test
    void randomCallFailuresRepeatForTheSameSeed() {
        Context c = router.connect(Local.spec());
        assertThat(pattern(c, 7L)).isEqualTo(pattern(c, 7L)).contains(true, false);
        Faults.on(c).clear();
        assertThat(c.call(() -> "calm again")).isEqualTo("calm again");
    }

    private static List<Boolean> pattern(Context c, long seed) {
        Faults.on(c).failCallsRandomly(0.5, seed, IllegalStateException.class, "flaky");
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            failed.add(catchThrowable(() -> c.call(() -> 1)) != null);
        }
        return failed;
    }

    @Test
    void aFaultyRouterFailsTheNextBootsThenBootsAgain() {
        FaultyRouter faulty = FaultyRouter.wrap(router);
        faulty.failNextBoots(2);

        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowable(() -> faulty.connect(Local.spec())))
                    .isInstanceOf(BootstrapException.class)
                    .hasMessageStartingWith("injected boot failure");
        }
        assertThat(faulty.connect(Local.spec()).call(() -> "booted")).isEqualTo("booted");
        assertThat(faulty.failedBoots()).hasSize(2);
    }

    @Test
    void faultsWorkAtADeeperHop() throws Exception {
        Context near = router.connect(Local.spec().name("near"));
        Context far = router.connect(Local.spec().name("far").via(near));
        CompletableFuture<Object> call = pending(far);

        Faults.on(far).corruptNextFrame();

        assertThat(cause(call)).isInstanceOf(ContextDisconnectedException.class).hasMessageContaining("far");
        assertThat(near.call(() -> "near is fine")).isEqualTo("near is fine");
    }
}
