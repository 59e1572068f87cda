package io.econtext.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.econtext.CallOptions;
import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.testkit.LocalProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every transport must do, as JUnit 5 tests against real child JVMs: boot and call, remote exceptions, classes
 * and resources on demand, forwarded output and logs, nesting through itself, disconnect, shutdown, no orphan
 * processes and no files left behind. A transport module runs the suite by extending this class in its tests and
 * saying how to reach a child:
 *
 * <pre>{@code
 * class LocalTransportContractTest extends TransportContract {
 *     @Override
 *     protected ConnectionSpec spec(Context via) {
 *         return Local.spec().via(via);
 *     }
 *
 *     @Override
 *     protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
 *         return ((LocalSpec) spec).firstStageDirs(List.of(dir.toString()));
 *     }
 * }
 * }</pre>
 *
 * <p>A transport that needs a server starts it in a static {@code @BeforeAll} of the subclass and stops it in an
 * {@code @AfterAll}; the ssh transport's {@code SshTransportContractTest} does so with an {@code SshdFixture}.
 *
 * <p>The suite assumes the children run on the test's own machine (it checks their PIDs in {@code /proc} and kills
 * them with {@code kill -9}); a transport whose children run elsewhere overrides {@link #isRunning(long)} and {@link
 * #kill9(long)}. Every test is bounded by {@link Timeout} and closes its router, whatever happens.
 */
public abstract class TransportContract {
    /** How long a process may take to be gone after it was told to go. */
    protected static final Duration GONE_BOUND = Duration.ofSeconds(5);
    /** How long forwarded output and logs may take to arrive. */
    protected static final Duration ARRIVAL_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    /**
     * The spec of a child of this transport, booted by {@code via}, or by the master when {@code via} is null. Each
     * call may return a new spec; the suite never names the children.
     */
    protected abstract ConnectionSpec spec(Context via);

    /**
     * {@code spec} with {@code dir} as its only first-stage directory, or null when the transport cannot say where
     * its first stage goes: then {@link #leavesNoFileInTheFirstStageDirectory()} is skipped. {@code dir} is writable
     * by every user and sticky (mode 1777, like {@code /tmp}), for transports whose children run as another user.
     */
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return null;
    }

    /** A new master router with {@code options}; override to add modules or settings the transport needs. */
    protected Router newRouter(RouterOptions options) {
        return Econtext.newRouter(options);
    }

    /** Whether the process {@code pid} runs on the children's host; a zombie counts as gone, it runs nothing. */
    protected boolean isRunning(long pid) {
        return LocalProcesses.isRunning(pid);
    }

    /** Sends SIGKILL to {@code pid} on the children's host. */
    protected void kill9(long pid) throws IOException, InterruptedException {
        LocalProcesses.kill9(pid);
    }

    private Router newRouter() {
        return newRouter(RouterOptions.defaults());
    }

    @Test
    @Timeout(60)
    void bootsAChildAndRunsStaticMethodReferencesAndCapturingLambdas() {
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));
            String prefix = "sum=";
            List<Integer> numbers = List.of(1, 2, 3);

            long pid = c.call(ContractProbes::pid);
            String sum = c.call(
                    () -> prefix + numbers.stream().mapToInt(Integer::intValue).sum());

            assertThat(pid)
                    .as("the pid the child reported at boot")
                    .isEqualTo(c.info().pid());
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(sum).isEqualTo("sum=6");
            assertThat(c.isAlive()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void returnsARemoteExceptionWithTheRemoteClassAndStack() {
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));

            RemoteCallException e = catchThrowableOfType(RemoteCallException.class, () -> c.call(ContractProbes::fail));

            assertThat(e).as("the call should have failed").isNotNull();
            assertThat(e.contextName()).isEqualTo(c.name());
            assertThat(e.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.remoteMessage()).isEqualTo(ContractProbes.FAILURE_MESSAGE);
            assertThat(e.getMessage()).contains(c.name()).contains(ContractProbes.FAILURE_MESSAGE);
            assertThat(e.remote().getStackTrace())
                    .as("the remote stack names the method that threw")
                    .anySatisfy(f -> {
                        assertThat(f.getClassName()).isEqualTo(ContractProbes.class.getName());
                        assertThat(f.getMethodName()).isEqualTo("fail");
                    });
            assertThat(c.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    @Test
    @Timeout(60)
    void loadsAClassAbsentFromTheChildAndItsResourceOnDemand() {
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));

            String greeting = c.call(() -> new ShippedGreeting("child").greet());
            String resource = c.call(() -> new ShippedGreeting("child").resourceText());
            boolean onSystemLoader = c.call(ContractProbes::loadedBySystemClassLoader);

            assertThat(greeting).isEqualTo("hello child from " + ShippedGreeting.class.getName());
            assertThat(resource).isEqualTo(ShippedGreeting.RESOURCE_TEXT);
            assertThat(onSystemLoader)
                    .as("the class came from the master, not the child's class path")
                    .isFalse();
        }
    }

    @Test
    @Timeout(60)
    void forwardsTheChildsSystemOutAndSystemErr() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<String> lines = new CopyOnWriteArrayList<>();
        RouterOptions options = RouterOptions.defaults()
                .withOutput((ctx, stream, line) -> lines.add(ctx.name() + " " + stream + " " + line));
        try (Router router = newRouter(options)) {
            Context c = router.connect(spec(null));

            int answer = c.call(() -> ContractProbes.print(marker));

            assertThat(answer).as("printing did not corrupt the protocol").isEqualTo(1);
            String out = c.name() + " stdout out " + marker;
            String err = c.name() + " stderr err " + marker;
            assertThat(eventually(() -> lines.contains(out) && lines.contains(err)))
                    .as("lines received: " + lines)
                    .isTrue();
        }
    }

    @Test
    @Timeout(60)
    void forwardsTheChildsSlf4jLogging() throws Exception {
        assumeTrue(LogCapture.available(), "SLF4J is not bound to logback in the test JVM");
        String marker = UUID.randomUUID().toString();
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));
            try (LogCapture logs = LogCapture.of("econtext.ctx." + c.name())) {
                c.call(() -> ContractProbes.log(marker));

                assertThat(eventually(() -> logs.events().stream().anyMatch(e -> e.contains(marker))))
                        .as("events logged for the child: " + logs.events())
                        .isTrue();
                assertThat(logs.events())
                        .anySatisfy(e -> assertThat(e).startsWith("WARN").contains("logged " + marker));
            }
        }
    }

    @Test
    @Timeout(90)
    void bootsAChildThroughAChildOfTheSameTransport() {
        try (Router router = newRouter()) {
            Context a = router.connect(spec(null));
            Context b = router.connect(spec(a));

            long pidA = a.call(ContractProbes::pid);
            long pidB = b.call(ContractProbes::pid);
            String greeting = b.call(() -> new ShippedGreeting("grandchild").greet());

            assertThat(pidA).isEqualTo(a.info().pid());
            assertThat(pidB).isEqualTo(b.info().pid()).isNotEqualTo(pidA);
            assertThat(greeting)
                    .as("classes reach the far end through the middle")
                    .contains("grandchild");
            assertThat(a.call(() -> "near")).isEqualTo("near");
            assertThat(b.call(() -> "far")).isEqualTo("far");
        }
    }

    @Test
    @Timeout(60)
    void killingTheChildFailsAPendingCallWithContextDisconnected() throws Exception {
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));
            CompletableFuture<String> pending = c.callAsync(() -> ContractProbes.sleep(60_000));
            assertThat(c.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "behind the long call"))
                    .as("the long call has reached the child")
                    .isEqualTo("behind the long call");

            kill9(c.info().pid());

            ExecutionException failure = catchThrowableOfType(
                    ExecutionException.class, () -> pending.get(GONE_BOUND.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(failure).as("the pending call failed").isNotNull();
            assertThat(failure.getCause())
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining(c.name());
            assertThat(eventually(() -> !c.isAlive())).isTrue();
            assertThatThrownBy(() -> c.call(() -> 1)).isInstanceOf(ContextDisconnectedException.class);
        }
    }

    @Test
    @Timeout(60)
    void shutdownEndsTheChild() throws Exception {
        try (Router router = newRouter()) {
            Context c = router.connect(spec(null));
            long pid = c.info().pid();

            c.shutdown();

            assertThat(stillRunningAfter(GONE_BOUND, Set.of(pid)))
                    .as("still running")
                    .isEmpty();
            assertThat(c.isAlive()).isFalse();
            assertThat(c.onDisconnect()).isDone();
            assertThatThrownBy(() -> c.call(() -> 1))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining(c.name());
        }
    }

    @Test
    @Timeout(90)
    void closingTheRouterLeavesNoProcessOfTheTree() throws Exception {
        Set<Long> before = descendants();
        List<Long> tree = new ArrayList<>();
        try (Router router = newRouter()) {
            Context a = router.connect(spec(null));
            Context b = router.connect(spec(a));
            tree.add(a.info().pid());
            tree.add(b.info().pid());
            long starter = b.call(ContractProbes::parentPid); // what started b: an ssh or sudo process, a shell
            if (starter != ProcessHandle.current().pid()) { // or, with an in-JVM ssh server, this JVM
                tree.add(starter);
            }
            descendants().stream().filter(pid -> !before.contains(pid)).forEach(tree::add);
        }

        assertThat(stillRunningAfter(GONE_BOUND, tree))
                .as("processes of the tree still running after router.close(), of " + tree)
                .isEmpty();
    }

    @Test
    @Timeout(60)
    void leavesNoFileInTheFirstStageDirectory() throws Exception {
        Path dir = Files.createDirectory(tempDir.resolve("first-stage"));
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
        // mode 1777 like /tmp: the boot refuses a directory that another user controls (sticky, or its own)
        Process chmod =
                new ProcessBuilder("chmod", "1777", dir.toString()).inheritIO().start();
        assertThat(chmod.waitFor()).as("chmod 1777 " + dir).isZero();
        ConnectionSpec spec = withFirstStageDir(spec(null), dir);
        assumeTrue(spec != null, "the transport cannot choose its first-stage directory");
        try (Router router = newRouter()) {
            Context c = router.connect(spec);

            // the jar the boot script wrote and deleted before the JVM started, as the child's class path names it
            String stage = c.call(
                    () -> Files.readSymbolicLink(Path.of("/proc/self/fd/5")).toString());
            assertThat(stage).as("the first stage was written where we asked").startsWith(dir + "/");
            assertThat(listing(dir)).as("after boot").isEmpty();

            c.shutdown();
            assertThat(stillRunningAfter(GONE_BOUND, Set.of(c.info().pid()))).isEmpty();
            assertThat(listing(dir)).as("after shutdown").isEmpty();
        }
        assertThat(listing(dir)).as("after the router closed").isEmpty();
    }

    /** Waits up to {@code bound} for every pid to be gone; returns those still running. */
    private List<Long> stillRunningAfter(Duration bound, Iterable<Long> pids) throws InterruptedException {
        return LocalProcesses.stillRunningAfter(bound, pids, this::isRunning);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
