package io.econtext.testkit.faults;

import io.econtext.BootstrapException;
import io.econtext.ChannelWindow;
import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A router whose boots can be made to fail, for tests of code that connects (and retries). Everything else is the
 * wrapped router's: contexts it boots are real, and {@link Faults#on(Context)} injects faults into them.
 *
 * <pre>{@code
 * FaultyRouter router = FaultyRouter.wrap(Econtext.newRouter());
 * router.failNextBoots(2);
 * Context c = deployer.connectWithRetries(router, spec);   // code under test: fails twice, then boots
 * assertThat(router.failedBoots()).hasSize(2);
 * router.failBootsRandomly(0.3, 7L);                       // each boot fails with probability 0.3, seeded
 * }</pre>
 *
 * <p>An injected failure is a {@link BootstrapException} whose message starts with "injected boot failure", thrown
 * before anything starts. Threads: any.
 */
public final class FaultyRouter implements Router {
    private final Router router;
    // guarded by this
    private int failNext;
    private Random random;
    private double probability;
    private final List<ConnectionSpec> failed = new ArrayList<>();

    private FaultyRouter(Router router) {
        this.router = router;
    }

    /** Wraps {@code router}; closing the wrapper closes it. */
    public static FaultyRouter wrap(Router router) {
        if (router == null) {
            throw new IllegalArgumentException("router : null (expected: the router to wrap)");
        }
        return new FaultyRouter(router);
    }

    /** The next {@code n} calls of {@link #connect} fail. */
    public synchronized FaultyRouter failNextBoots(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n : " + n + " (expected: >= 0)");
        }
        failNext = n;
        return this;
    }

    /** Each later boot fails with {@code probability}, decided by a generator seeded with {@code seed}; 0 ends it. */
    public synchronized FaultyRouter failBootsRandomly(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability : " + probability + " (expected: 0 to 1)");
        }
        this.probability = probability;
        this.random = probability > 0 ? new Random(seed) : null;
        return this;
    }

    /** The specs whose boots were failed on purpose, in order. */
    public synchronized List<ConnectionSpec> failedBoots() {
        return List.copyOf(failed);
    }

    @Override
    public Context connect(ConnectionSpec spec) {
        synchronized (this) {
            boolean fail = false;
            if (failNext > 0) {
                failNext--;
                fail = true;
            } else if (random != null && random.nextDouble() < probability) {
                fail = true;
            }
            if (fail) {
                failed.add(spec);
                throw new BootstrapException(
                        "injected boot failure (FaultyRouter) for a " + spec.scheme() + " context", null, "");
            }
        }
        return router.connect(spec);
    }

    @Override
    public <T> Receiver<T> newReceiver(ChannelWindow window) {
        return router.newReceiver(window);
    }

    @Override
    public void close() {
        router.close();
    }

    /** The wrapped router. */
    public Router delegate() {
        return router;
    }
}
