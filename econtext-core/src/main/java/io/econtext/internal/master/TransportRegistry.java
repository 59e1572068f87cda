package io.econtext.internal.master;

import io.econtext.BootstrapException;
import io.econtext.ConnectionSpec;
import io.econtext.core.TransportRegistrationException;
import io.econtext.internal.boot.TransportClasses;
import io.econtext.spi.Transport;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The master's transports by scheme, made from the registered classes the way intermediates make them ({@link
 * TransportClasses}), and checked once, when the router is made: every problem is collected into one {@link
 * TransportRegistrationException}. A spec reaches its transport by its scheme, as the transport's spec type.
 *
 * <p>Threads: immutable once made.
 */
final class TransportRegistry {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final Map<String, Transport<?>> byScheme;

    private TransportRegistry(Map<String, Transport<?>> byScheme) {
        this.byScheme = byScheme;
    }

    static TransportRegistry of(Collection<Class<? extends Transport<?>>> types) {
        List<String> problems = new ArrayList<>();
        Map<String, Transport<?>> byScheme = new TreeMap<>();
        for (Class<?> type : types) {
            String problem = TransportClasses.problem(type);
            if (problem != null) {
                problems.add(type.getName() + " cannot be used: " + problem);
                continue;
            }
            Transport<?> t;
            try {
                t = TransportClasses.newTransport(type);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            String scheme = t.scheme();
            if (scheme == null || !SCHEME.matcher(scheme).matches()) {
                problems.add(type.getName() + ".scheme() : " + (scheme == null ? "null" : "'" + scheme + "'")
                        + " (expected: a lower-case URI scheme, e.g. 'ssh')");
                continue;
            }
            if (t.specType() == null || !ConnectionSpec.class.isAssignableFrom(t.specType())) {
                problems.add(type.getName() + ".specType() : " + t.specType()
                        + " (expected: the ConnectionSpec type the transport takes)");
                continue;
            }
            Transport<?> prior = byScheme.putIfAbsent(scheme, t);
            if (prior != null) {
                problems.add("scheme '" + scheme + "' is served by both "
                        + prior.getClass().getName() + " and " + type.getName()
                        + " (remove one of the modules that add them)");
            }
        }
        if (!problems.isEmpty()) {
            throw new TransportRegistrationException(problems);
        }
        return new TransportRegistry(Map.copyOf(byScheme));
    }

    /** The transport for {@code spec}'s scheme; fails naming the module to add when none is registered. */
    Transport<?> transportFor(ConnectionSpec spec) {
        Transport<?> t = byScheme.get(spec.scheme());
        if (t == null) {
            throw new BootstrapException(
                    "no transport for scheme '" + spec.scheme() + "' (registered: " + new TreeMap<>(byScheme).keySet()
                            + "); add the module that provides it, e.g. econtext-transport-" + spec.scheme()
                            + from(spec.getClass()) + ", to the class path with its"
                            + " META-INF/services/io.econtext.core.EcontextPlugin entry",
                    null);
        }
        return t;
    }

    private static String from(Class<?> specType) {
        CodeSource source = specType.getProtectionDomain().getCodeSource();
        URL location = source != null ? source.getLocation() : null;
        return location == null ? "" : " (the jar " + specType.getSimpleName() + " came from: " + location + ")";
    }
}
