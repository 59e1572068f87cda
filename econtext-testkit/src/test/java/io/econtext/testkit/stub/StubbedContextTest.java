package io.econtext.testkit.stub;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static io.econtext.testkit.assertj.EcontextAssertions.assertThatThrownBy;
import static io.econtext.testkit.assertj.EcontextAssertions.catchThrowableOfType;
import static io.econtext.testkit.assertj.EcontextAssertions.tuple;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.RemoteCallable;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import io.econtext.testkit.stub.RecordedCall.Form;
import io.econtext.testkit.stub.RecordedCall.Outcome;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@EcontextTest
@Timeout(60)
class StubbedContextTest {
    @Test
    void answersAStubbedMethodReferenceWithTheStubbedValue(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenReturn("web1");

        assertThat(web.call(StubProbes::hostname)).isEqualTo("web1");
        assertThat(web.calls()).singleElement().satisfies(c -> {
            assertThat(c.target().toString()).isEqualTo(StubProbes.class.getName() + ".hostname");
            assertThat(c.isStubbed()).isTrue();
            assertThat(c.outcome()).isEqualTo(Outcome.RETURNED);
            assertThat(c.result()).isEqualTo("web1");
        });
    }

    @Test
    void passesCallsNoStubMatchesToTheRealChild(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenReturn("web1");

        long pid = web.call(StubProbes::pid);

        assertThat(pid)
                .isEqualTo(real.info().pid())
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(web.call(() -> StubProbes.greet("carol"))).isEqualTo("hello carol from " + pid);
        assertThat(web.calls()).extracting(RecordedCall::isStubbed).containsExactly(false, false);
    }

    @Test
    void failsAThenThrowCallAsTheChildWouldHave(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenThrow(new IOException("disk gone", new FileNotFoundException("/dev/sda")));

        RemoteCallException stubbed =
                catchThrowableOfType(RemoteCallException.class, () -> web.call(StubProbes::hostname));
        RemoteCallException genuine = catchThrowableOfType(
                RemoteCallException.class,
                () -> real.call(() -> {
                    throw new IOException("disk gone");
                }));

        assertThat(stubbed).hasRemoteType(IOException.class).hasRemoteMessageContaining("disk gone");
        assertThat(stubbed.getMessage()).isEqualTo(genuine.getMessage());
        assertThat(stubbed.contextName()).isEqualTo("web");
        assertThat(stubbed.remote().getCause()).hasMessage("java.io.FileNotFoundException: /dev/sda");
        assertThat(stubbed.remote().getStackTrace()[0].getClassName())
                .isEqualTo(getClass().getName());
        assertThat(web.calls(StubProbes::hostname).get(0).failure()).isSameAs(stubbed);
    }

    @Test
    void carriesAnErrorGivenToThenThrow(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenThrow(new OutOfMemoryError("Java heap space"));

        RemoteCallException e = catchThrowableOfType(RemoteCallException.class, () -> web.call(StubProbes::hostname));

        assertThat(e).hasRemoteType(OutOfMemoryError.class).hasRemoteMessageContaining("Java heap space");
    }

    @Test
    void givesThenAnswerTheCapturedArguments(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes.greeting("anyone")).thenAnswer(args -> "hi " + args.get(0));

        assertThat(web.call(StubProbes.greeting("bob"))).isEqualTo("hi bob");
        assertThat(web.call(StubProbes.greeting("alice"))).isEqualTo("hi alice");
        assertThat(web.calls()).extracting(RecordedCall::args).containsExactly(List.of("bob"), List.of("alice"));
    }

    @Test
    void matchesTheMethodCallFormByClassAndMethodName(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes.class, "greet").thenAnswer(args -> "hi " + args.get(0));
        web.when(StubProbes::hostname).thenReturn("web1");

        assertThat(web.call(StubProbes.class, "greet", "bob")).isEqualTo("hi bob");
        assertThat(web.call(StubProbes.class, "hostname")).isEqualTo("web1");
        assertThat(web.call(StubProbes.class, "pid")).isEqualTo(real.info().pid());
        assertThat(web.calls())
                .extracting(
                        c -> c.target().methodName(), RecordedCall::args, RecordedCall::form, RecordedCall::isStubbed)
                .containsExactly(
                        tuple("greet", List.of("bob"), Form.CALL_METHOD, true),
                        tuple("hostname", List.of(), Form.CALL_METHOD, true),
                        tuple("pid", List.of(), Form.CALL_METHOD, false));
    }

    @Test
    void refusesCapturedValuesTheCodecCannotCarryLikeARealCall(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        Object lock = new Object();
        RemoteCallable<String> fn = () -> String.valueOf(lock);
        web.when(fn).thenReturn("never");

        CodecException genuine = catchThrowableOfType(CodecException.class, () -> real.call(fn));

        assertThatThrownBy(() -> web.call(fn))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage(genuine.getMessage())
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> web.callAsync(fn)).isExactlyInstanceOf(CodecException.class);
        assertThatThrownBy(() -> web.call(StubProbes.class, "greet", lock))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(web.calls())
                .extracting(RecordedCall::outcome, RecordedCall::args)
                .containsOnly(tuple(Outcome.FAILED, List.of(lock)));
    }

    @Test
    void failsAStubbedValueTheCodecCannotCarryLikeTheChildDoes(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::currentThread).thenReturn(Thread.currentThread());

        CodecException stubbed = catchThrowableOfType(CodecException.class, () -> web.call(StubProbes::currentThread));
        CodecException genuine = catchThrowableOfType(CodecException.class, () -> real.call(StubProbes::currentThread));

        assertThat(stubbed).hasMessageContaining("java.lang.Thread");
        assertThat(stubbed.getMessage()).isEqualTo(genuine.getMessage());
    }

    @Test
    void returnsADecodedCopyOfTheStubbedValue(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        List<String> hosts = new ArrayList<>(List.of("web1", "web2"));
        RemoteCallable<List<String>> fn = () -> hosts;
        web.when(fn).thenReturn(hosts);

        assertThat(web.call(fn)).isEqualTo(hosts).isNotSameAs(hosts);
    }

    @Test
    void recordsEveryFormOfCall(@LocalContext(name = "web") Context real, @TempDir Path dir) throws Exception {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenReturn("web1");
        Path touched = dir.resolve("touched");
        String path = touched.toString();
        CallOptions concurrent = CallOptions.DEFAULT.withConcurrent(true);

        web.call(StubProbes::hostname);
        web.callAsync(StubProbes::hostname).get();
        long pid = web.callAsync(StubProbes::pid).get();
        web.callNoReply(() -> StubProbes.touch(path));
        web.with(concurrent).call(StubProbes::pid);
        web.with(concurrent).callAsync(StubProbes::hostname).get();
        web.call(StubProbes.class, "greet", "bob");

        assertThat(web.calls())
                .extracting(
                        c -> c.target().methodName().startsWith("lambda$")
                                ? "lambda"
                                : c.target().methodName(),
                        RecordedCall::form,
                        RecordedCall::options,
                        RecordedCall::isStubbed,
                        RecordedCall::outcome)
                .containsExactly(
                        tuple("hostname", Form.CALL, CallOptions.DEFAULT, true, Outcome.RETURNED),
                        tuple("hostname", Form.CALL_ASYNC, CallOptions.DEFAULT, true, Outcome.RETURNED),
                        tuple("pid", Form.CALL_ASYNC, CallOptions.DEFAULT, false, Outcome.RETURNED),
                        tuple("lambda", Form.CALL_NO_REPLY, CallOptions.DEFAULT, false, Outcome.SENT),
                        tuple("pid", Form.CALL, concurrent, false, Outcome.RETURNED),
                        tuple("hostname", Form.CALL_ASYNC, concurrent, true, Outcome.RETURNED),
                        tuple("greet", Form.CALL_METHOD, CallOptions.DEFAULT, false, Outcome.RETURNED));
        assertThat(web.calls().get(2).result()).isEqualTo(pid);
        assertThat(web.calls().get(3).args()).containsExactly(path);
        assertThat(web.calls().get(6).result()).isEqualTo("hello bob from " + pid);
        assertThat(web.calls(StubProbes::hostname)).hasSize(3);
        assertThat(web.calls(StubProbes.class, "pid")).hasSize(2);
        assertThat(web.call(() -> Files.exists(Path.of(path)))).isTrue(); // calls run in order: the touch ran first
    }

    @Test
    void recordsTheFailureOfARealCall(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);

        RemoteCallException e = catchThrowableOfType(
                RemoteCallException.class,
                () -> web.call(() -> {
                    throw new IOException("nope");
                }));

        assertThat(e).hasRemoteType(IOException.class);
        assertThat(web.calls()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(c.failure()).isSameAs(e);
            assertThat(c.isStubbed()).isFalse();
        });
    }

    @Test
    void recordsTheFailureOfARealAsyncCallBeforeTheCallerSeesIt(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);

        assertThatThrownBy(() -> web.callAsync(() -> {
                            throw new IOException("nope");
                        })
                        .get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RemoteCallException.class);
        assertThat(web.calls().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(web.calls().get(0).failure()).isInstanceOf(RemoteCallException.class);
    }

    @Test
    void runsAStubbedCallNoReplyHereAndKeepsItsFailure(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::halt).thenThrow(new IllegalStateException("refusing to halt"));

        web.callNoReply(StubProbes::halt);

        assertThat(real).isAlive();
        assertThat(web.call(StubProbes::pid)).isEqualTo(real.info().pid());
        RecordedCall halt = web.calls(StubProbes::halt).get(0);
        assertThat(halt.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(halt.failure()).isInstanceOf(RemoteCallException.class).hasMessageContaining("refusing to halt");
    }

    @Test
    void failsAStubbedAnswerSlowerThanTheDeadline(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenAnswer(args -> {
            Thread.sleep(200);
            return "slow";
        });
        CallOptions deadline = CallOptions.DEFAULT.withDeadline(Duration.ofMillis(50));

        assertThatThrownBy(() -> web.with(deadline).call(StubProbes::hostname))
                .isExactlyInstanceOf(CallTimeoutException.class)
                .hasMessage("call to context 'web' did not answer within 50 ms");
        assertThatThrownBy(
                        () -> web.with(deadline).callAsync(StubProbes::hostname).get())
                .hasCauseExactlyInstanceOf(TimeoutException.class);
        assertThat(web.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(5)))
                        .call(StubProbes::hostname))
                .isEqualTo("slow");
    }

    @Test
    void letsTheNewestStubAnswerAndClearStubsRestoresTheRealContext(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        String hostname = real.call(StubProbes::hostname);

        web.when(StubProbes::hostname)
                .thenReturn("a")
                .when(StubProbes::hostname)
                .thenReturn("b");
        assertThat(web.call(StubProbes::hostname)).isEqualTo("b");
        web.when(StubProbes.class, "hostname").thenReturn("c");
        assertThat(web.call(StubProbes::hostname)).isEqualTo("c");

        web.clearStubs();
        assertThat(web.call(StubProbes::hostname)).isEqualTo(hostname);
        web.clearCalls();
        assertThat(web.calls()).isEmpty();
    }

    @Test
    void stubsAndRecordsFromManyThreadsAtOnce(@LocalContext(name = "web") Context real) throws Exception {
        StubbedContext web = Stubs.wrap(real);
        web.when(StubProbes::hostname).thenReturn("a");
        int threads = 8;
        int callsEach = 200;
        Set<Object> answers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        if (i % 20 == 0) {
                            web.when(StubProbes::hostname).thenReturn(thread % 2 == 0 ? "a" : "b");
                        }
                        answers.add(i % 50 == 0 ? web.call(StubProbes::pid) : web.call(StubProbes::hostname));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).containsExactlyInAnyOrder("a", "b", real.info().pid());
        assertThat(web.calls()).hasSize(threads * callsEach).allMatch(c -> c.outcome() == Outcome.RETURNED);
        assertThat(web.calls(StubProbes::pid)).hasSize(threads * callsEach / 50).noneMatch(RecordedCall::isStubbed);
    }

    @Test
    void refusesToStubSomethingThatIsNotALambda(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);
        RemoteCallable<String> anonymous = new RemoteCallable<String>() {
            private static final long serialVersionUID = 1L;

            @Override
            public String call() {
                return "x";
            }
        };

        assertThatThrownBy(() -> web.when(anonymous))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("fn : an instance of " + anonymous.getClass().getName()
                        + " (expected: a lambda or method reference, e.g. Probes::hostname)");
        assertThatThrownBy(() -> Stubs.wrap(web)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isTheRealContextInEverythingButCalls(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);

        assertThat(web.real()).isSameAs(real);
        assertThat(web.id()).isEqualTo(real.id());
        assertThat(web.info()).isEqualTo(real.info());
        assertThat(web.router()).isSameAs(real.router());
        assertThat(web).isAlive().hasName("web");

        web.shutdown();

        assertThat(real).isDead();
        assertThat(web.isAlive()).isFalse();
        assertThat(web.onDisconnect()).isSameAs(real.onDisconnect());
    }
}
