package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.CallOptions;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deaths in the tree: of the master, of an intermediate, and orderly shutdowns. */
@Timeout(60)
class LifecycleTest {
    private static final Duration GONE_BOUND = Duration.ofSeconds(5);

    @Test
    void theWholeTreeExitsWhenTheMasterIsKilled() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process master = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ChainHolderMain.class.getName())
                .redirectErrorStream(true)
                .start();
        long[] pids;
        List<String> output = new ArrayList<>();
        try {
            pids = Pids.printedBy(master, "chain-holder", output);
            assertThat(pids)
                    .as("pids printed by the master; its output: " + output)
                    .hasSize(3);
            assertThat(Pids.stillRunningAfter(Duration.ZERO, pids))
                    .as("the chain is up")
                    .hasSize(3);

            Pids.kill9(master.pid());
            assertThat(master.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            master.destroyForcibly();
        }

        assertThat(Pids.stillRunningAfter(GONE_BOUND, pids))
                .as("econtext JVMs still running " + GONE_BOUND.toSeconds() + " s after the master was killed")
                .isEmpty();
    }

    @Test
    void killingTheMiddleOfAChainFailsCallsToTheFarEndAndSparesTheNearEnd() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context near = router.connect(Local.spec().name("near"));
            Context middle = router.connect(Local.spec().name("middle").via(near));
            Context far = router.connect(Local.spec().name("far").via(middle));
            long farPid = far.info().pid();
            CompletableFuture<Integer> pending = far.callAsync(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            assertThat(far.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "behind the long call"))
                    .as("the long call has reached the far end")
                    .isEqualTo("behind the long call");

            Pids.kill9(middle.info().pid());

            ExecutionException failure =
                    catchThrowableOfType(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertThat(failure).as("the pending call failed").isNotNull();
            assertThat(failure.getCause()).isInstanceOf(ContextDisconnectedException.class);
            assertThat(((ContextDisconnectedException) failure.getCause()).contextName())
                    .isEqualTo("far");
            assertThat(failure.getCause())
                    .hasMessageStartingWith("context 'far' disconnected: its parent 'middle' (id " + middle.id()
                            + ") is gone: 'near' (id " + near.id() + ") reported the stream to 'middle' closed: end of"
                            + " stream");
            assertThat(Eventually.holds(GONE_BOUND, () -> !far.isAlive())).isTrue();
            assertThat(middle.isAlive()).isFalse();
            assertThat(near.isAlive()).isTrue();
            assertThat(near.call(() -> "near still answers")).isEqualTo("near still answers");
            assertThatThrownBy(() -> far.call(() -> 1)).isInstanceOf(ContextDisconnectedException.class);
            assertThat(Pids.stillRunningAfter(GONE_BOUND, farPid))
                    .as("the far end exits once its parent is gone")
                    .isEmpty();
        }
    }

    @Test
    void theFarEndsErrorSaysByNameThatItsParentInTheMiddleDied() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            CompletableFuture<Integer> pending = far.callAsync(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            assertThat(far.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "behind the long call"))
                    .isEqualTo("behind the long call");

            Pids.kill9(middle.info().pid());

            ExecutionException failure =
                    catchThrowableOfType(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertThat(failure).as("the pending call failed").isNotNull();
            assertThat(failure.getCause())
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageStartingWith("context 'far' disconnected: its parent 'middle' (id " + middle.id()
                            + ") is gone: the stream to 'middle' closed: end of stream");
            assertThat(middle.onDisconnect().get(5, TimeUnit.SECONDS))
                    .hasMessageStartingWith("context 'middle' disconnected: the stream to it closed: end of stream");
            assertThatThrownBy(() -> far.call(() -> 1))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageStartingWith(
                            "context 'far' disconnected: its parent 'middle' (id " + middle.id() + ") is gone");
        }
    }

    @Test
    void shutdownOfAContextTakesItsChildrenDownToo() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context parent = router.connect(Local.spec().name("parent"));
            Context child = router.connect(Local.spec().name("child").via(parent));
            Context bystander = router.connect(Local.spec().name("bystander"));
            long[] pids = {parent.info().pid(), child.info().pid()};

            parent.shutdown();

            assertThat(Pids.stillRunningAfter(GONE_BOUND, pids)).isEmpty();
            assertThat(Eventually.holds(GONE_BOUND, () -> !parent.isAlive() && !child.isAlive()))
                    .isTrue();
            assertThat(parent.onDisconnect()).isDone();
            assertThatThrownBy(() -> parent.call(() -> 1))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("parent");
            assertThatThrownBy(() -> child.call(() -> 1))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("child");
            assertThat(bystander.call(() -> "unaffected")).isEqualTo("unaffected");
        }
    }

    @Test
    void shutdownOfALeafLeavesItsParentRunning() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context parent = router.connect(Local.spec());
            Context leaf = router.connect(Local.spec().via(parent));
            long leafPid = leaf.info().pid();

            leaf.shutdown();

            assertThat(Pids.stillRunningAfter(GONE_BOUND, leafPid)).isEmpty();
            assertThat(Eventually.holds(GONE_BOUND, () -> !leaf.isAlive())).isTrue();
            assertThat(parent.call(() -> "parent fine")).isEqualTo("parent fine");
            assertThatThrownBy(() -> leaf.call(() -> 1)).isInstanceOf(ContextDisconnectedException.class);
        }
    }

    @Test
    void closingTheRouterEndsEveryContext() throws Exception {
        long[] pids;
        Context a;
        try (Router router = Econtext.newRouter()) {
            a = router.connect(Local.spec());
            Context b = router.connect(Local.spec().via(a));
            Context c = router.connect(Local.spec());
            pids = new long[] {a.info().pid(), b.info().pid(), c.info().pid()};
        }

        assertThat(Pids.stillRunningAfter(GONE_BOUND, pids)).isEmpty();
        assertThat(a.isAlive()).isFalse();
    }
}
