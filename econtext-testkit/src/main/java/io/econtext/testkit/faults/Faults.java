package io.econtext.testkit.faults;

import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.internal.call.InjectedFaults;
import io.econtext.internal.child.ChildFaults;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Faults injected into one context, so that tests can watch their code's retries, timeouts and error handling meet
 * the real thing. Each fault is carried out inside the target context (a call), so it works at any hop of a chain
 * and on any host, and what the test sees is exactly what a real failure of that kind produces:
 *
 * <pre>{@code
 * Faults.on(ctx).kill();                       // SIGKILL: pending calls fail with ContextDisconnectedException
 * Faults.on(ctx).stall(Duration.ofSeconds(3)); // SIGSTOP, SIGCONT 3 s later: calls with a deadline time out
 * Faults.on(ctx).dropStream();                 // its link to its parent closes: it is gone for the master
 * Faults.on(ctx).corruptNextFrame();           // the parent reads garbage and closes only that stream
 * Faults.on(ctx).delayMessages(Duration.ofMillis(200));   // every answer comes 200 ms late (ZERO ends it)
 * Faults.on(ctx).failNextCalls(2, IOException.class, "disk gone");   // the next two calls throw that, remotely
 * Faults.on(ctx).failCallsRandomly(0.1, 42L, IOException.class, "flaky"); // 10 %, the same calls for seed 42
 * }</pre>
 *
 * <p>Boots that fail are injected at the router: see {@link FaultyRouter}.
 *
 * <p>Threads: any. Each method returns once the fault is armed; {@link #kill()} and {@link #dropStream()} once the
 * master has seen the context disconnect.
 */
public final class Faults {
    /** How long a stalled context's SIGSTOP waits for the call that arranged it to be answered. */
    private static final long STOP_AFTER_MILLIS = 50;
    /** How long {@link #kill()} and {@link #dropStream()} wait for the master to see the context gone. */
    private static final Duration GONE_BOUND = Duration.ofSeconds(10);

    private final Context context;

    private Faults(Context context) {
        this.context = context;
    }

    /** The faults of {@code context}: a real context of a router, at any hop. */
    public static Faults on(Context context) {
        if (context == null) {
            throw new IllegalArgumentException("context : null (expected: the context to inject faults into)");
        }
        return new Faults(context);
    }

    /** Kills the context's JVM with SIGKILL, as an OOM killer or an operator would. */
    public void kill() {
        controlUntilGone("kill");
    }

    /**
     * Freezes the context's JVM (SIGSTOP) for {@code duration}, then lets it go on (SIGCONT): a detached shell on its
     * host does both, so nothing in the frozen JVM has to run. Calls meanwhile wait; with a deadline they time out.
     * Returns once the JVM is frozen.
     */
    public void stall(Duration duration) {
        long millis = positive("duration", duration).toMillis();
        control("stall", STOP_AFTER_MILLIS, millis);
        try {
            Thread.sleep(STOP_AFTER_MILLIS + 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the context's stream to its parent, as a lost connection would: the context winds down as an orphan does,
     * pending calls to it fail. Returns once the master has seen the disconnect.
     */
    public void dropStream() {
        controlUntilGone("dropStream");
    }

    /**
     * Makes the next frame the context sends its parent garbage: the parent closes that stream, and only that one, and
     * the context is gone for the master. That frame is the answer to this request, so this returns once the master
     * has seen the disconnect.
     */
    public void corruptNextFrame() {
        controlUntilGone("corruptNextFrame");
    }

    /**
     * Holds every frame the context sends its parent for {@code delay} ({@link Duration#ZERO} ends it): answers,
     * channel values and output all come late, as over a slow link.
     */
    public void delayMessages(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay : " + delay + " (expected: >= 0)");
        }
        control("delayMessages", delay.toMillis());
    }

    /**
     * The next {@code n} calls to the context fail there with {@code type} (which needs a constructor taking a message)
     * and {@code message}: callers get the {@code RemoteCallException} a real failure would give.
     */
    public void failNextCalls(int n, Class<? extends Throwable> type, String message) {
        if (n < 0) {
            throw new IllegalArgumentException("n : " + n + " (expected: >= 0)");
        }
        context.call(InjectedFaults.class, "failNextCalls", n, type.getName(), message);
    }

    /**
     * From now on each call to the context fails with {@code probability}, decided by a generator seeded with
     * {@code seed}: the same seed fails the same calls of the same sequence of calls. Probability 0 ends it.
     */
    public void failCallsRandomly(double probability, long seed, Class<? extends Throwable> type, String message) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability : " + probability + " (expected: 0 to 1)");
        }
        context.call(InjectedFaults.class, "failCallsRandomly", probability, seed, type.getName(), message);
    }

    /** Ends injected call failures and message delays (a killed, stalled or dropped context stays so). */
    public void clear() {
        control("clear");
    }

    /** Runs {@code ChildFaults.method(args)} in the context, by name: injected call failures never fail these. */
    private void control(String method, Object... args) {
        context.call(ChildFaults.class, method, args);
    }

    /** {@link #control} for a fault that ends the context: its answer may never come, the disconnect will. */
    private void controlUntilGone(String method) {
        try {
            context.call(ChildFaults.class, method);
        } catch (ContextDisconnectedException gone) {
            return;
        }
        try {
            context.onDisconnect().get(GONE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    context.name() + " was still connected " + GONE_BOUND.toMillis() + " ms after " + method + "()");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // it is gone, which was the point
        }
    }

    private static Duration positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " : " + d + " (expected: > 0)");
        }
        return d;
    }

    @Override
    public String toString() {
        return "Faults(" + context.name() + ")";
    }
}
