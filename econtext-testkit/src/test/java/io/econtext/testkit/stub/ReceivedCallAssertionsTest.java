package io.econtext.testkit.stub;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static io.econtext.testkit.assertj.EcontextAssertions.assertThatThrownBy;

import io.econtext.Context;
import io.econtext.testkit.StubContext;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import org.junit.jupiter.api.Test;

/** The call assertions of {@code ContextAssert}; most on a context that runs nothing, so every call is a stub's. */
@EcontextTest
class ReceivedCallAssertionsTest {
    private static final String PROBES = StubProbes.class.getName();

    private static StubbedContext probe() {
        StubbedContext probe = Stubs.wrap(StubContext.named("probe"));
        probe.when(StubProbes::hostname).thenReturn("web1");
        probe.when(StubProbes.class, "greet").thenAnswer(args -> "hi " + args.get(0));
        probe.when(StubProbes::halt).thenDoNothing();
        return probe;
    }

    @Test
    void passesForTheCallsTheContextReceived() {
        StubbedContext probe = probe();

        probe.call(StubProbes::hostname);
        probe.call(StubProbes::hostname);
        probe.callNoReply(StubProbes::halt);

        assertThat(probe)
                .hasReceivedCall(StubProbes::hostname)
                .hasReceivedCalls(StubProbes::hostname, 2)
                .hasReceivedCall(StubProbes::halt)
                .hasReceivedCalls(StubProbes::halt, 1)
                .hasNotReceivedCall(StubProbes::pid)
                .hasNotReceivedCall(StubProbes::currentThread);
    }

    @Test
    void countsTheMethodCallFormAsACallOfTheMethod() {
        StubbedContext probe = probe();

        probe.call(StubProbes.class, "greet", "bob");
        probe.call(StubProbes.class, "hostname");

        assertThat(probe).hasReceivedCall(StubProbes::hostname).hasReceivedCalls(StubProbes.greeting("x"), 0);
        assertThat(probe.calls(StubProbes.class, "greet")).hasSize(1);
    }

    @Test
    void saysWhenTheContextReceivedNoCallAtAll() {
        assertThatThrownBy(() -> assertThat(probe()).hasReceivedCall(StubProbes::hostname))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context 'probe' to have received a call of " + PROBES
                        + ".hostname, but it did not; it received no call at all");
    }

    @Test
    void listsTheCallsTheContextReceivedInstead() {
        StubbedContext probe = probe();
        probe.call(StubProbes::hostname);
        probe.call(StubProbes.class, "greet", "bob");
        probe.callNoReply(StubProbes::halt);

        assertThatThrownBy(() -> assertThat(probe).hasReceivedCall(StubProbes::pid))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context 'probe' to have received a call of " + PROBES + ".pid, but it did not;"
                        + " the calls it received:\n"
                        + "  1. " + PROBES + ".hostname() returned \"web1\" (stubbed)\n"
                        + "  2. " + PROBES + ".greet(\"bob\") returned \"hi bob\" (stubbed, call(type, method, args))\n"
                        + "  3. " + PROBES + ".halt() returned null (stubbed, callNoReply)");
    }

    @Test
    void namesTheExpectedAndActualNumberOfCalls() {
        StubbedContext probe = probe();
        probe.call(StubProbes::hostname);

        assertThatThrownBy(() -> assertThat(probe).hasReceivedCalls(StubProbes::hostname, 2))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting context 'probe' to have received 2 calls of " + PROBES
                        + ".hostname, but it received 1; the calls it received:\n"
                        + "  1. " + PROBES + ".hostname() returned \"web1\" (stubbed)");
        assertThatThrownBy(() -> assertThat(probe).hasNotReceivedCall(StubProbes::hostname))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting context 'probe' to have received no call of " + PROBES
                        + ".hostname, but it received 1;");
        assertThatThrownBy(() -> assertThat(probe).hasReceivedCalls(StubProbes::halt, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "Expecting context 'probe' to have received 1 call of " + PROBES + ".halt, but it received 0;");
    }

    @Test
    void saysWhatToDoWhenTheContextIsNotStubbed() {
        Context plain = StubContext.named("probe");

        assertThatThrownBy(() -> assertThat(plain).hasReceivedCall(StubProbes::hostname))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting a StubbedContext to check the calls context 'probe' received, but it is a "
                        + StubContext.class.getName() + ", which records none: wrap it with Stubs.wrap(context) and"
                        + " give the wrapper to the code under test");
    }

    @Test
    void putsTheDescriptionGivenWithAsInFront() {
        assertThatThrownBy(() -> assertThat(probe()).as("the web tier").hasReceivedCall(StubProbes::pid))
                .hasMessageStartingWith("[the web tier] Expecting context 'probe' to have received a call of ");
    }

    @Test
    void refusesANegativeNumberOfCalls() {
        assertThatThrownBy(() -> assertThat(probe()).hasReceivedCalls(StubProbes::hostname, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times : -1 (expected: >= 0)");
    }

    @Test
    void checksTheCallsThatReachedARealContext(@LocalContext(name = "web") Context real) {
        StubbedContext web = Stubs.wrap(real);

        web.call(StubProbes::pid);

        assertThat(web).hasReceivedCall(StubProbes::pid).hasNotReceivedCall(StubProbes::hostname);
        assertThatThrownBy(() -> assertThat(web).hasReceivedCalls(StubProbes::pid, 2))
                .hasMessageEndingWith(
                        "  1. " + PROBES + ".pid() returned " + real.info().pid());
    }
}
