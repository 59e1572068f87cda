package io.econtext.testkit.fake;

import com.google.inject.AbstractModule;
import io.econtext.core.EcontextPlugin;
import io.econtext.core.Transports;

/** Registers {@link FakeTransport} under its scheme; listed in {@code META-INF/services} so routers find it. */
public final class FakeTransportModule extends AbstractModule implements EcontextPlugin {
    @Override
    protected void configure() {
        Transports.bind(binder()).addBinding(FakeSpec.SCHEME).to(FakeTransport.class);
    }
}
