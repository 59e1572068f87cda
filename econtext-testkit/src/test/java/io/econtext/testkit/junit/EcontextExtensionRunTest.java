package io.econtext.testkit.junit;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.transport.local.Local;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension's teardown and leak check, seen from outside: each test runs a class of deliberately failing or
 * leaking tests in a nested engine run and checks its results.
 */
class EcontextExtensionRunTest {
    @Test
    void failsATestThatLeavesARouterOpenAndKillsWhatItLeft() throws Exception {
        EngineExecutionResults results = run(LeavesARouterOpen.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(failure(results, "forgetsToCloseItsRouter"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the test leaked: ")
                .hasMessageContaining("still running 1000 ms after its routers were closed (now killed)")
                .hasMessageContaining("\n  pid " + LeavesARouterOpen.leakedPid + ": java ")
                .hasMessageEndingWith(
                        "Close every Router the test makes (try-with-resources), or let @EcontextTest inject one.");
        assertThat(LocalProcesses.isRunning(LeavesARouterOpen.leakedPid)).isFalse();
    }

    @Test
    void closesTheRouterOfEachTestAndItsContexts() {
        EngineExecutionResults results = run(UsesInjectedContexts.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(UsesInjectedContexts.seen).hasSize(2);
        assertThat(UsesInjectedContexts.seen.get(0).router())
                .isNotSameAs(UsesInjectedContexts.seen.get(1).router());
        for (Context c : UsesInjectedContexts.seen) {
            assertThat(c).isDead();
            assertThat(LocalProcesses.isRunning(c.info().pid())).isFalse();
        }
    }

    @Test
    void explainsThatEmbeddedSshContextsNeedTheSshTransport() {
        EngineExecutionResults results = run(WantsAnSshContext.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(results, "bootsOverSsh"))
                .hasMessageContaining("could not boot the context of parameter")
                .hasMessageContaining("@EmbeddedSshContext needs the ssh transport: add"
                        + " io.econtext:econtext-transport-ssh to the test class path");
    }

    @Test
    void refusesToInjectIntoBeforeAllMethods() {
        EngineExecutionResults results = run(WantsARouterBeforeAll.class);

        Throwable failure = results.containerEvents().failed().stream()
                .map(EcontextExtensionRunTest::throwable)
                .findFirst()
                .orElseThrow();
        assertThat(failure)
                .hasMessageContaining("@EcontextTest resolves Router parameters of test methods and of @BeforeEach and"
                        + " @AfterEach methods only");
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(NestedRunOnly.PARAMETER, "true")
                .configurationParameter(EcontextExtension.LEAK_BOUND_PARAMETER, "1000")
                .selectors(selectClass(testClass))
                .execute();
    }

    private static Throwable failure(EngineExecutionResults results, String method) {
        List<Throwable> failures = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .map(EcontextExtensionRunTest::throwable)
                .collect(Collectors.toList());
        assertThat(failures).as("failures of " + method).hasSize(1);
        return failures.get(0);
    }

    private static Throwable throwable(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
    }

    @NestedRunOnly
    @EcontextTest
    static class LeavesARouterOpen {
        static long leakedPid;

        @Test
        void forgetsToCloseItsRouter() {
            Router router = Econtext.newRouter();
            leakedPid = router.connect(Local.spec()).info().pid();
        }

        @Test
        void closesItsRouter() {
            try (Router router = Econtext.newRouter()) {
                router.connect(Local.spec());
            }
        }
    }

    @NestedRunOnly
    @EcontextTest
    static class UsesInjectedContexts {
        static final List<Context> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Test
        void one(@LocalContext Context c) {
            seen.add(c);
        }

        @Test
        void two(@LocalContext Context c) {
            seen.add(c);
        }
    }

    @NestedRunOnly
    @EcontextTest
    static class WantsAnSshContext {
        @Test
        void bootsOverSsh(@EmbeddedSshContext Context c) {}
    }

    @NestedRunOnly
    @EcontextTest
    static class WantsARouterBeforeAll {
        @BeforeAll
        static void start(Router router) {}

        @Test
        void test() {}
    }
}
