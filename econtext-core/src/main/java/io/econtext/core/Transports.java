package io.econtext.core;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.econtext.spi.Transport;

/** The map of transports by scheme that plugins add to. */
public final class Transports {
    private Transports() {}

    public static MapBinder<String, Transport<?>> bind(Binder binder) {
        return MapBinder.newMapBinder(binder, new TypeLiteral<String>() {}, new TypeLiteral<Transport<?>>() {});
    }
}
