package io.econtext.testkit.assertj;

import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextInfo;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.testkit.stub.CallTarget;
import io.econtext.testkit.stub.RecordedCall;
import io.econtext.testkit.stub.StubbedContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Context}; get one from {@link EcontextAssertions#assertThat(Context)}.
 *
 * <pre>{@code
 * assertThat(ctx).isAlive().hasName("worker").runsAs("deploy");
 * ctx.router().close();
 * assertThat(ctx).within(Duration.ofSeconds(2)).isDead();
 * }</pre>
 *
 * <p>{@link #isDead()} blocks until the context is gone, for at most {@link #DEFAULT_BOUND} or the bound given to
 * {@link #within(Duration)}; the other assertions answer at once.
 *
 * <p>The call assertions ({@link #hasReceivedCall(RemoteCallable)} and the like) check the calls a {@link
 * StubbedContext} recorded; a call matches as {@link CallTarget#matches} says (a method reference names a method):
 *
 * <pre>{@code
 * StubbedContext web = Stubs.wrap(ctx);
 * new Inventory(web).refresh();
 * assertThat(web).hasReceivedCall(Probes::hostname)
 *         .hasReceivedCalls(Probes::diskFree, 2)
 *         .hasNotReceivedCall(Probes::reboot);
 * }</pre>
 */
public final class ContextAssert extends AbstractAssert<ContextAssert, Context> {
    /** How long {@link #isDead()} waits unless told otherwise. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(5);

    private Duration bound = DEFAULT_BOUND;

    ContextAssert(Context actual) {
        super(actual, ContextAssert.class);
    }

    /** The bound of the waiting assertions that follow. */
    public ContextAssert within(Duration bound) {
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative()) {
            throw new IllegalArgumentException("bound : " + bound + " (expected: >= 0)");
        }
        this.bound = bound;
        return this;
    }

    /** The context is not known to be gone. */
    public ContextAssert isAlive() {
        isNotNull();
        if (!actual.isAlive()) {
            ContextDisconnectedException reason = actual.onDisconnect().getNow(null);
            failWithMessage(
                    "Expecting context '%s' to be alive, but it is gone: %s",
                    actual.name(), reason != null ? reason.getMessage() : "(no reason known)");
        }
        return this;
    }

    /** The context is gone, or goes within the bound (default {@link #DEFAULT_BOUND}). */
    public ContextAssert isDead() {
        isNotNull();
        try {
            actual.onDisconnect().get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            failWithMessage(
                    "Expecting context '%s' (%s) to be dead within %s, but it is still alive",
                    actual.name(), whereItRuns(), Durations.toText(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failWithMessage("Interrupted while waiting for context '%s' to be dead", actual.name());
        } catch (ExecutionException e) {
            // the future fails only if the router broke; the context is gone either way
        }
        return this;
    }

    /** The context's {@link Context#name() name} is {@code name}. */
    public ContextAssert hasName(String name) {
        isNotNull();
        if (!Objects.equals(actual.name(), name)) {
            failWithMessage("Expecting context name to be '%s' but was '%s'", name, actual.name());
        }
        return this;
    }

    /** The context runs as {@code user} (the user it reported when it booted: {@link ContextInfo#user()}). */
    public ContextAssert runsAs(String user) {
        isNotNull();
        String actualUser = actual.info().user();
        if (!Objects.equals(actualUser, user)) {
            failWithMessage(
                    "Expecting context '%s' to run as user '%s' but it runs as '%s'", actual.name(), user, actualUser);
        }
        return this;
    }

    /** The context, a {@link StubbedContext}, has received at least one call of {@code fn}'s method. */
    public ContextAssert hasReceivedCall(RemoteCallable<?> fn) {
        return hasReceivedCall(CallTarget.of(fn));
    }

    /** The context, a {@link StubbedContext}, has received at least one call of {@code fn}'s method. */
    public ContextAssert hasReceivedCall(RemoteRunnable fn) {
        return hasReceivedCall(CallTarget.of(fn));
    }

    /** The context, a {@link StubbedContext}, has received exactly {@code times} calls of {@code fn}'s method. */
    public ContextAssert hasReceivedCalls(RemoteCallable<?> fn, int times) {
        return hasReceivedCalls(CallTarget.of(fn), times);
    }

    /** The context, a {@link StubbedContext}, has received exactly {@code times} calls of {@code fn}'s method. */
    public ContextAssert hasReceivedCalls(RemoteRunnable fn, int times) {
        return hasReceivedCalls(CallTarget.of(fn), times);
    }

    /** The context, a {@link StubbedContext}, has received no call of {@code fn}'s method. */
    public ContextAssert hasNotReceivedCall(RemoteCallable<?> fn) {
        return hasReceivedCalls(CallTarget.of(fn), 0);
    }

    /** The context, a {@link StubbedContext}, has received no call of {@code fn}'s method. */
    public ContextAssert hasNotReceivedCall(RemoteRunnable fn) {
        return hasReceivedCalls(CallTarget.of(fn), 0);
    }

    private ContextAssert hasReceivedCall(CallTarget target) {
        StubbedContext stubbed = stubbed();
        if (stubbed.callsOf(target).isEmpty()) {
            failWithMessage(
                    "Expecting context '%s' to have received a call of %s, but it did not; %s",
                    actual.name(), target, receivedText(stubbed.calls()));
        }
        return this;
    }

    private ContextAssert hasReceivedCalls(CallTarget target, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times : " + times + " (expected: >= 0)");
        }
        StubbedContext stubbed = stubbed();
        List<RecordedCall> matching = stubbed.callsOf(target);
        if (matching.size() != times) {
            failWithMessage(
                    "Expecting context '%s' to have received %s of %s, but it received %s; %s",
                    actual.name(), callCount(times), target, matching.size(), receivedText(stubbed.calls()));
        }
        return this;
    }

    private StubbedContext stubbed() {
        isNotNull();
        if (!(actual instanceof StubbedContext)) {
            failWithMessage(
                    "Expecting a StubbedContext to check the calls context '%s' received, but it is a %s, which"
                            + " records none: wrap it with Stubs.wrap(context) and give the wrapper to the code"
                            + " under test",
                    actual.name(), actual.getClass().getName());
        }
        return (StubbedContext) actual;
    }

    private static String callCount(int times) {
        return times == 0 ? "no call" : times == 1 ? "1 call" : times + " calls";
    }

    private static String receivedText(List<RecordedCall> calls) {
        if (calls.isEmpty()) {
            return "it received no call at all";
        }
        StringBuilder b = new StringBuilder("the calls it received:");
        for (int i = 0; i < calls.size(); i++) {
            b.append("\n  ").append(i + 1).append(". ").append(calls.get(i));
        }
        return b.toString();
    }

    private String whereItRuns() {
        ContextInfo info = actual.info();
        return info == null ? "id " + actual.id() : "pid " + info.pid() + " on " + info.host();
    }
}
