package io.econtext.testkit.assertj;

import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextInfo;
import java.time.Duration;
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

    private String whereItRuns() {
        ContextInfo info = actual.info();
        return info == null ? "id " + actual.id() : "pid " + info.pid() + " on " + info.host();
    }
}
