package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls into real child JVMs booted by the local transport. */
@Timeout(60)
class CallTest {
    @Test
    void callsEveryLevelOfAFiveDeepChain() {
        try (Router router = Econtext.newRouter()) {
            List<Context> chain = new ArrayList<>();
            Context previous = null;
            for (int level = 1; level <= 5; level++) {
                Context c = router.connect(Local.spec().name("level-" + level).via(previous));
                chain.add(c);
                previous = c;
            }

            List<Long> pids = new ArrayList<>();
            for (Context c : chain) {
                long pid = c.call(() -> ProcessHandle.current().pid());
                String name = c.call(() -> System.getProperty("econtext.name"));
                assertThat(pid).as("pid of " + c.name()).isEqualTo(c.info().pid());
                assertThat(name).isEqualTo(c.name());
                pids.add(pid);
            }

            assertThat(new HashSet<>(pids))
                    .hasSize(5)
                    .doesNotContain(ProcessHandle.current().pid());
            assertThat(chain.get(4)
                            .call(() -> ProcessHandle.current()
                                    .parent()
                                    .map(ProcessHandle::pid)
                                    .orElse(-1L)))
                    .as("the far end's parent (the boot shell became its JVM) is the fourth level")
                    .isEqualTo(pids.get(3));
        }
    }

    @Test
    void runsStaticMethodReferencesAndCapturingLambdas() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            String prefix = "abc";
            List<Integer> numbers = List.of(1, 2, 3);

            assertThat(c.call(CallTest::describeJvm))
                    .startsWith("pid " + c.info().pid());
            assertThat(c.call(() -> prefix
                            + numbers.stream().mapToInt(Integer::intValue).sum()))
                    .isEqualTo("abc6");
            assertThat(c.call(CallTest.class, "twice", 21)).isEqualTo(42);
        }
    }

    @Test
    void pipelinesAsyncCallsAndAnswersThemInOrder() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                futures.add(c.callAsync(() -> n * 2));
            }

            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).join()).isEqualTo(i * 2);
            }
        }
    }

    @Test
    void reportsARemoteExceptionWithItsClassMessageRemoteStackAndLocalCallSite() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("thrower"));

            RemoteCallException e = catchThrowableOfType(
                    RemoteCallException.class,
                    () -> c.call(() -> {
                        throw new IOException("boom");
                    }));

            assertThat(e).as("the call should have failed").isNotNull();
            assertThat(e.remoteClassName()).isEqualTo("java.io.IOException");
            assertThat(e.remoteMessage()).isEqualTo("boom");
            assertThat(e.remote().is(IOException.class)).isTrue();
            assertThat(e.contextName()).isEqualTo("thrower");
            assertThat(e.getMessage()).contains("boom").contains("thrower");
            assertThat(e.remote().getStackTrace())
                    .as("the remote stack names the lambda that threw")
                    .anySatisfy(f -> {
                        assertThat(f.getClassName()).isEqualTo(CallTest.class.getName());
                        assertThat(f.getMethodName()).startsWith("lambda$");
                    });
            assertThat(e.getStackTrace())
                    .as("the local stack names the call site")
                    .anySatisfy(f -> {
                        assertThat(f.getClassName()).isEqualTo(CallTest.class.getName());
                        assertThat(f.getMethodName())
                                .isEqualTo("reportsARemoteExceptionWithItsClassMessageRemoteStackAndLocalCallSite");
                    });
            assertThat(c.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    @Test
    void reportsAnExceptionThrownByAnAsyncCall() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            CompletableFuture<Object> f = c.callAsync(() -> {
                throw new IllegalStateException("async boom");
            });

            assertThat(f)
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(RemoteCallException.class)
                    .withMessageContaining("async boom");
        }
    }

    @Test
    void failsACallThatOutlivesItsDeadlineWithinAboutASecond() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("slow"));
            long start = System.nanoTime();

            assertThatThrownBy(() -> c.with(CallOptions.DEFAULT.withDeadline(Duration.ofMillis(200)))
                            .call(() -> {
                                Thread.sleep(5000);
                                return 1;
                            }))
                    .isInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("slow")
                    .hasMessageContaining("200 ms");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(c.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "a concurrent call still runs"))
                    .isEqualTo("a concurrent call still runs");
        }
    }

    @Test
    void keepsForwardingAndAnsweringConcurrentCallsWhileACallRunsLong() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context busy = router.connect(Local.spec().name("busy"));
            Context behind = router.connect(Local.spec().name("behind-busy").via(busy));
            assertThat(behind.call(() -> "warm")).isEqualTo("warm");
            CompletableFuture<String> slow = busy.callAsync(() -> {
                Thread.sleep(5000);
                return "slow";
            });
            Thread.sleep(200); // the slow call runs on the thread that read it

            long start = System.nanoTime();
            assertThat(behind.call(() -> "through")).isEqualTo("through");
            assertThat(busy.with(CallOptions.DEFAULT.withConcurrent(true)).call(() -> "beside"))
                    .isEqualTo("beside");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took)
                    .as("a call to the next hop and a concurrent call, while a serial call sleeps")
                    .isLessThan(Duration.ofMillis(2000)); // typically ~50 ms; a reader held by the call: ~4800 ms
            assertThat(slow).isNotDone();
            assertThat(slow.get()).isEqualTo("slow");
            assertThat(busy.call(() -> "after")).isEqualTo("after");
        }
    }

    @Test
    void runsACallThatCallsItsOwnChildAndLoadsClassesOnTheWay() {
        try (Router router = Econtext.newRouter()) {
            Context top = router.connect(Local.spec().name("top"));
            Context below = router.connect(Local.spec().name("below").via(top));

            // runs in top: loads this lambda's class and the comparator's from the master, then calls below from there
            List<Integer> answer = top.call(() -> {
                List<Integer> out = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    out.add(below.call(() -> 7) * i);
                }
                out.sort(java.util.Comparator.comparing(x -> -x));
                return out;
            });

            assertThat(answer).containsExactly(21, 14, 7);
        }
    }

    @Test
    void refusesAnArgumentOfAnUnsupportedTypeNamingItAndKeepsTheContextWorking() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            Object plain = new Object();
            Thread thread = new Thread(() -> {});

            assertThatThrownBy(() -> c.call(() -> plain.hashCode()))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.lang.Object")
                    .hasMessageContaining("captured");
            assertThatThrownBy(() -> c.call(() -> thread.getName()))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.lang.Thread");
            assertThat(c.call(() -> 42)).isEqualTo(42);
        }
    }

    @Test
    void refusesAnUnsupportedReturnValueNamingItAndKeepsTheContextWorking() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            assertThatThrownBy(() -> c.call(() -> new Object()))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageStartingWith("context '" + c.name() + "': the result of the call cannot be carried"
                            + " back: cannot encode value of type java.lang.Object at top level: econtext carries");
            assertThat(c.call(() -> Arrays.asList("fine", 1))).containsExactly("fine", 1);
        }
    }

    public static int twice(int n) {
        return n * 2;
    }

    static String describeJvm() {
        return "pid " + ProcessHandle.current().pid() + " java " + System.getProperty("java.version");
    }
}
