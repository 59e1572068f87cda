package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.util.ArrayList;
import java.util.List;

/** A router with the first hops of an {@link SshSetup}'s chain booted, each through the previous one. */
final class SshChain implements AutoCloseable {
    private final Router router = Econtext.newRouter();
    private final SshSetup setup;
    private final List<Context> hops = new ArrayList<>();

    private SshChain(SshSetup setup) {
        this.setup = setup;
    }

    /** Boots hops {@code 0..count-1}. */
    static SshChain open(SshSetup setup, int count) {
        SshChain chain = new SshChain(setup);
        try {
            for (int i = 0; i < count; i++) {
                chain.hops.add(chain.connect(i));
            }
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        return chain;
    }

    Router router() {
        return router;
    }

    /** Hop {@code i}, booted by {@link #open}. */
    Context hop(int i) {
        return hops.get(i);
    }

    /** Boots hop {@code i} (another instance of it) through the booted hop before it. */
    Context connect(int i) {
        Context previous = i == 0 ? null : hops.get(i - 1);
        return router.connect(setup.specs().apply(i, previous));
    }

    @Override
    public void close() {
        router.close();
    }
}
