package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.LocalSpec;

/**
 * A router with every hop of {@code --via} but the last already booted: benchmarks boot (or use) the last hop through
 * it. With the default single local hop nothing is booted in advance and the target is a direct child.
 */
final class Chain implements AutoCloseable {
    private final Router router;
    private final Setup setup;
    private Context last;

    private Chain(Router router, Setup setup) {
        this.router = router;
        this.setup = setup;
    }

    static Chain open(Setup setup) {
        Chain chain = new Chain(Econtext.newRouter(), setup);
        try {
            for (int i = 0; i < setup.via().size() - 1; i++) {
                chain.last = chain.router.connect(setup.spec().via(chain.last));
            }
        } catch (RuntimeException e) {
            chain.router.close();
            throw e;
        }
        return chain;
    }

    Router router() {
        return router;
    }

    /** The spec of the chain's last hop, booted through the hops before it. */
    LocalSpec targetSpec() {
        return setup.spec().via(last);
    }

    /** Boots the chain's last hop. */
    Context connectTarget() {
        return router.connect(targetSpec());
    }

    @Override
    public void close() {
        router.close();
    }
}
