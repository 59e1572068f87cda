package io.econtext.internal.boot;

import io.econtext.ConnectionSpec;
import io.econtext.spi.Transport;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes a transport from its class, as an intermediate context does for the transport a boot names: through its public
 * no-argument constructor. The master checks the transports it was given with {@link #problem} when its router is
 * made, so that what works at the first hop works at every hop: a transport has no injected dependencies; what it
 * needs travels in its spec.
 *
 * <p>Threads: any. JDK-only: an intermediate runs it.
 */
public final class TransportClasses {
    private TransportClasses() {}

    /**
     * What stops {@code type} from being made at every hop, or {@code null} when nothing does: it must be a public,
     * concrete class implementing {@link Transport} with a public no-argument constructor, and ask for no injection
     * (an {@code @Inject} constructor, field or method would be honoured by the master's Guice only).
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
        String injected = injectionPoint(type);
        if (injected != null) {
            return "it asks for injection (" + injected + "), which only the master would honour: intermediate"
                    + " contexts make transports with their public no-argument constructor; put what it needs in its"
                    + " spec";
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

    /** The first member of {@code type} or its superclasses annotated {@code @Inject} (any flavour), or null. */
    private static String injectionPoint(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (AccessibleObject m : members(c)) {
                for (Annotation a : m.getDeclaredAnnotations()) {
                    if (a.annotationType().getSimpleName().equals("Inject")) {
                        return "@Inject on " + m;
                    }
                }
            }
        }
        return null;
    }

    private static List<AccessibleObject> members(Class<?> c) {
        List<AccessibleObject> all = new ArrayList<AccessibleObject>();
        all.addAll(Arrays.asList(c.getDeclaredConstructors()));
        all.addAll(Arrays.asList(c.getDeclaredFields()));
        all.addAll(Arrays.asList(c.getDeclaredMethods()));
        return all;
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
