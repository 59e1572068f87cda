package io.econtext.core;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.econtext.spi.Transport;

/**
 * Registers transports with the master. A transport is registered by its class: the master makes it through its
 * public no-argument constructor, as every intermediate context does (a transport takes no injected dependencies;
 * what it needs travels in its spec). The master serves each transport under its {@link Transport#scheme()}; a class
 * that cannot be made that way, or a scheme served twice, fails {@link Econtext#newRouter} with a {@link
 * TransportRegistrationException}.
 *
 * <pre>{@code
 * public final class SshTransportModule extends AbstractModule implements EcontextPlugin {
 *   protected void configure() {
 *     Transports.add(binder(), SshTransport.class);
 *   }
 * }
 * }</pre>
 */
public final class Transports {
    private Transports() {}

    /** Registers {@code type} with the master. */
    public static void add(Binder binder, Class<? extends Transport<?>> type) {
        types(binder).addBinding().toInstance(type);
    }

    /** The set of registered transport classes, which {@link CoreModule} declares even when it is empty. */
    static Multibinder<Class<? extends Transport<?>>> types(Binder binder) {
        return Multibinder.newSetBinder(binder, new TypeLiteral<Class<? extends Transport<?>>>() {});
    }
}
