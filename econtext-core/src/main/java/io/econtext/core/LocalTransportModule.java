package io.econtext.core;

import com.google.inject.AbstractModule;
import io.econtext.transport.local.LocalTransport;

/** Adds the local transport ({@code local}). Discovered like every plugin. */
public final class LocalTransportModule extends AbstractModule implements EcontextPlugin {
    @Override
    protected void configure() {
        Transports.bind(binder()).addBinding("local").to(LocalTransport.class);
    }
}
