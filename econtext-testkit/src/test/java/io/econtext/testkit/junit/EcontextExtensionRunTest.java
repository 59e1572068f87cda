package io.econtext.testkit.junit;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.transport.local.Local;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
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
    void bootsContextsOfAnAnnotationOfTheUsersOwn() {
        EngineExecutionResults results = run(UsesItsOwnContextAnnotation.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(UsesItsOwnContextAnnotation.field).hasName("field-worker").isDead();
        assertThat(UsesItsOwnContextAnnotation.parameter)
                .hasName("param-worker")
                .isDead();
        assertThat(UsesItsOwnContextAnnotation.javaName).isEqualTo("param-worker");
    }

    @Test
    void refusesTwoContextAnnotationsOnOneParameter() {
        EngineExecutionResults results = run(AsksForTwoContextsInOne.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(results, "both"))
                .hasMessageContaining("@LocalContext and @FakeContext (expected: one context annotation");
    }

    @Test
    void refusesAFactoryThatReadsAnotherAnnotation() {
        EngineExecutionResults results = run(UsesAMismatchedFactory.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(results, "boots"))
                .hasMessageContaining("could not boot the context of parameter")
                .hasMessageContaining("@Mismatched names " + Worker.Specs.class.getName() + ", which reads @Worker"
                        + " (expected: a ContextSpecFactory<Mismatched>)");
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

    /** A context annotation of a user's own: a local context named {@code NAME-worker}. */
    @ContextAnnotation(Worker.Specs.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.FIELD})
    @interface Worker {
        String value();

        final class Specs implements ContextSpecFactory<Worker> {
            @Override
            public ConnectionSpec spec(Worker annotation, ExtensionContext test) {
                return Local.spec().name(annotation.value() + "-worker");
            }
        }
    }

    /** Names a factory that reads {@link Worker}. */
    @ContextAnnotation(Worker.Specs.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Mismatched {}

    @NestedRunOnly
    @EcontextTest
    static class UsesItsOwnContextAnnotation {
        static Context field;
        static Context parameter;
        static String javaName;

        @Worker("field")
        Context injected;

        @Test
        void boots(@Worker("param") Context c) {
            field = injected;
            parameter = c;
            javaName = c.call(() -> System.getProperty("econtext.name"));
        }
    }

    @NestedRunOnly
    @EcontextTest
    static class AsksForTwoContextsInOne {
        @Test
        void both(@LocalContext @FakeContext Context c) {}
    }

    @NestedRunOnly
    @EcontextTest
    static class UsesAMismatchedFactory {
        @Test
        void boots(@Mismatched Context c) {}
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
