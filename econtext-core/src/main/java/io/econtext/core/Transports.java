package io.econtext.core;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.econtext.spi.Transport;

/**
 * The map of transports by scheme that plugins add to. The master uses the transport bound here; every intermediate
 * context makes its own from the same class, through its public no-argument constructor. So that what works at the
 * first hop works at every hop, the master checks each binding when the router is made and refuses, in one {@link
 * TransportRegistrationException} ({@link Econtext#newRouter} throws it):
 *
 * <ul>
 *   <li>a transport bound under another key than its {@link Transport#scheme()};
 *   <li>a scheme bound twice;
 *   <li>a class that is not public, has no public no-argument constructor, or asks for injection ({@code @Inject}):
 *       a transport takes no injected dependencies, what it needs travels in its spec.
 * </ul>
 *
 * <pre>{@code
 * Transports.bind(binder()).addBinding("ssh").to(SshTransport.class);
 * }</pre>
 */
public final class Transports {
    private Transports() {}

    public static MapBinder<String, Transport<?>> bind(Binder binder) {
        // duplicates are let through Guice so that the master can refuse them with its own message
        return MapBinder.newMapBinder(binder, new TypeLiteral<String>() {}, new TypeLiteral<Transport<?>>() {})
                .permitDuplicates();
    }
}
