package io.econtext.core;

import com.google.inject.AbstractModule;
import io.econtext.Router;
import io.econtext.internal.master.MasterBroker;
import io.econtext.internal.master.MasterRouter;

/** Wires the master: options, the Netty broker, the router and the (plugin-filled) transport map. */
public final class CoreModule extends AbstractModule {
    private final RouterOptions options;

    public CoreModule(RouterOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(RouterOptions.class).toInstance(options);
        bind(MasterBroker.class).asEagerSingleton();
        bind(Router.class).to(MasterRouter.class);
        Transports.bind(binder());
    }
}
