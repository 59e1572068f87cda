package io.econtext.testkit.contract.example;

import com.google.inject.AbstractModule;
import io.econtext.core.EcontextPlugin;
import io.econtext.core.Transports;

/** Registers {@link NiceTransport} under its scheme; listed in {@code META-INF/services} so routers find it. */
public final class NiceTransportModule extends AbstractModule implements EcontextPlugin {
    @Override
    protected void configure() {
        Transports.bind(binder()).addBinding(NiceSpec.SCHEME).to(NiceTransport.class);
    }
}
