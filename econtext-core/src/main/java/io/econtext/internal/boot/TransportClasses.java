package io.econtext.internal.boot;

import io.econtext.ConnectionSpec;
import io.econtext.spi.Transport;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Makes a transport from its class: the one way every hop does it. The master makes the transports it registers
 * here, and an intermediate makes the one a boot names here, from the same class, through its public no-argument
 * constructor: what works at the first hop works at every hop. A transport has no injected dependencies; what it needs
 * travels in its spec.
 *
 * <p>Threads: any. JDK-only: an intermediate runs it.
 */
public final class TransportClasses {
    private TransportClasses() {}

    /**
     * What stops {@code type} from being made at every hop, or {@code null} when nothing does: it must be a public,
     * concrete class implementing {@link Transport} with a public no-argument constructor.
     */
    public static String problem(Class<?> type) {
        if (!Transport.class.isAssignableFrom(type)) {
            return "it does not implement " + Transport.class.getName();
        }
        int modifiers = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(modifiers)) {
            return "it is abstract";
        }
        if (!Modifier.isPublic(modifiers) || (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers))) {
            return "it is not a public top-level or static nested class";
        }
        try {
            Constructor<?> c = type.getConstructor();
            if (!Modifier.isPublic(c.getModifiers())) {
                return "its no-argument constructor is not public";
            }
        } catch (NoSuchMethodException e) {
            return "it has no public no-argument constructor (intermediate contexts make transports with it:"
                    + " a transport takes no injected dependencies; put what it needs in its spec)";
        }
        return null;
    }

    /** Makes a transport of {@code type}; fails with what {@link #problem} says. */
    public static Transport<?> newTransport(Class<?> type) {
        String problem = problem(type);
        if (problem != null) {
            throw new IllegalArgumentException("transport " + type.getName() + " cannot be made: " + problem);
        }
        try {
            return (Transport<?>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(
                    "transport " + type.getName() + " failed in its constructor: " + cause, cause);
        }
    }

    /** {@code spec} as the spec type {@code transport} takes; refuses a spec of another type. */
    public static <S extends ConnectionSpec> S specFor(Transport<S> transport, ConnectionSpec spec) {
        Class<S> type = transport.specType();
        if (!type.isInstance(spec)) {
            throw new IllegalArgumentException("spec : " + spec.getClass().getName() + " with scheme '"
                    + spec.scheme() + "' (expected: a " + type.getName() + ", the spec type of the '"
                    + transport.scheme() + "' transport " + transport.getClass().getName() + ")");
        }
        return type.cast(spec);
    }
}
