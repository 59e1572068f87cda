package io.econtext.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.faults.Faults;
import io.econtext.transport.local.Local;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FakeTransportTest {
    @Test
    void answersCallsWithoutStartingAProcess() {
        Set<Long> before = descendants();
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Fake.spec());
            String suffix = "!";

            assertThat(c.call(Counter::increment)).isEqualTo(1);
            assertThat(c.call(() -> System.getProperty("java.version") + suffix))
                    .isEqualTo(System.getProperty("java.version") + "!");
            assertThat(c.info().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(c.name()).startsWith("fake-");
            // none started; one that an earlier test left exiting may have ended meanwhile
            assertThat(before).containsAll(descendants());
        }
    }

    @Test
    void leavesTheSystemStreamsOfTheJvmAlone() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        int outId = System.identityHashCode(out);
        int errId = System.identityHashCode(err);
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Fake.spec());

            assertThat(c.call(() -> {
                        System.out.println("printed by a fake context");
                        return System.identityHashCode(System.out) == outId
                                && System.identityHashCode(System.err) == errId;
                    }))
                    .isTrue();
        }
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }

    @Test
    void eachFakeContextHasItsOwnStaticState() {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Fake.spec());
            Context b = router.connect(Fake.spec().name("b"));

            assertThat(a.call(Counter::increment)).isEqualTo(1);
            assertThat(a.call(Counter::increment)).isEqualTo(2);
            assertThat(b.call(Counter::increment)).isEqualTo(1);
            assertThat(a.call(Counter::increment)).isEqualTo(3);
            assertThat(a.call(() -> Counter.class.getClassLoader().getClass().getName()))
                    .isEqualTo("EcontextStage1");
        }
    }

    @Test
    void aValueTheCodecCannotCarryFailsAsWithALocalContext() {
        try (Router router = Econtext.newRouter()) {
            Context fake = router.connect(Fake.spec());
            Context local = router.connect(Local.spec());
            Thread thread = new Thread(() -> {});

            for (Context c : List.of(fake, local)) {
                assertThat(c.call(() -> 42)).isEqualTo(42);
            }
            assertSameFailure(
                    catchThrowable(() -> fake.call(() -> new Object())),
                    catchThrowable(() -> local.call(() -> new Object())),
                    fake,
                    local);
            assertSameFailure(
                    catchThrowable(() -> fake.call(() -> Thread.currentThread())),
                    catchThrowable(() -> local.call(() -> Thread.currentThread())),
                    fake,
                    local);
            assertSameFailure(
                    catchThrowable(() -> fake.call(() -> thread.getName())),
                    catchThrowable(() -> local.call(() -> thread.getName())),
                    fake,
                    local);
            assertThat(fake.call(() -> 43)).isEqualTo(43);
        }
    }

    private static void assertSameFailure(Throwable onFake, Throwable onLocal, Context fake, Context local) {
        assertThat(onFake).isNotNull();
        assertThat(onLocal).isNotNull();
        assertThat(onFake.getClass()).isEqualTo(onLocal.getClass());
        assertThat(onFake.getMessage().replace(fake.name(), "CTX"))
                .isEqualTo(onLocal.getMessage().replace(local.name(), "CTX"));
    }

    @Test
    void closingTheRouterLeavesNoThreadOfTheFakeRunning() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Context c;
        try (Router router = Econtext.newRouter()) {
            c = router.connect(Fake.spec());
            assertThat(c.call(Counter::increment)).isEqualTo(1);
            assertThat(fakeThreads(before)).isNotEmpty();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fakeThreads(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fakeThreads(before)).isEmpty();
    }

    @Test
    void shuttingAFakeDownEndsItAndLeavesTheRouterWorking() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Fake.spec());
            Context b = router.connect(Fake.spec());
            a.call(Counter::increment);
            a.shutdown();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fakeThreads(before).stream().anyMatch(n -> n.contains(a.name())) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(fakeThreads(before)).noneMatch(n -> n.contains(a.name()));
            assertThat(b.call(Counter::increment)).isEqualTo(1);
        }
    }

    @Test
    void refusesFaultsThatWouldSignalTheTestJvmButDropsItsStream() throws InterruptedException {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Fake.spec());

            assertThat(catchThrowable(() -> Faults.on(c).kill()))
                    .hasMessageContaining("UnsupportedOperationException")
                    .hasMessageContaining("kill() cannot be injected into an in-JVM fake context");
            assertThat(catchThrowable(() -> Faults.on(c).stall(Duration.ofMillis(100))))
                    .hasMessageContaining("stall() cannot be injected into an in-JVM fake context");
            assertThat(c.call(Counter::increment)).isEqualTo(1);

            Faults.on(c).dropStream();
            assertThat(catchThrowable(() -> c.call(Counter::increment))).isNotNull();
            Context next = router.connect(Fake.spec());
            assertThat(next.call(Counter::increment)).isEqualTo(1);
        }
    }

    /**
     * Threads started since {@code before} that belong to a fake's runtime: its own thread, and threads that run with a
     * class loader other than this JVM's (call threads, whose context class loader is the fake's).
     */
    private static List<String> fakeThreads(Set<Thread> before) {
        ClassLoader app = FakeTransportTest.class.getClassLoader();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> t.getName().startsWith("econtext-fake-")
                        || t.getName().startsWith("econtext-call")
                        || t.getContextClassLoader() != null
                                && t.getContextClassLoader() != app
                                && t.getContextClassLoader() != ClassLoader.getSystemClassLoader())
                .map(t -> t.getName() + " (" + t.getState() + ")")
                .collect(Collectors.toList());
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
