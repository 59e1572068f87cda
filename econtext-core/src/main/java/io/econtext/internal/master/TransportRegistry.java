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
 * The master's transports by scheme, checked once, when the router is made, for what would break at a later hop
 * (where intermediates make them from their class, {@link TransportClasses}) or make a scheme ambiguous: every problem
 * is collected into one {@link TransportRegistrationException}. A spec reaches its transport by its scheme.
 *
 * <p>Threads: immutable once made.
 */
final class TransportRegistry {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final Map<String, Transport<?>> byScheme;

    private TransportRegistry(Map<String, Transport<?>> byScheme) {
        this.byScheme = byScheme;
    }

    /** The transports bound by key (each key with every transport bound under it), checked. */
    static TransportRegistry of(Map<String, ? extends Collection<Transport<?>>> bound) {
        List<String> problems = new ArrayList<>();
        Map<String, Transport<?>> byScheme = new TreeMap<>();
        for (Map.Entry<String, ? extends Collection<Transport<?>>> e : new TreeMap<>(bound).entrySet()) {
            String key = e.getKey();
            List<String> classes = new ArrayList<>();
            for (Transport<?> t : e.getValue()) {
                classes.add(t.getClass().getName());
                String problem = check(key, t);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (classes.size() > 1) {
                problems.add("scheme '" + key + "' is bound " + classes.size() + " times: " + String.join(", ", classes)
                        + " (remove all but one of the modules that bind them)");
            } else if (classes.size() == 1) {
                byScheme.put(key, e.getValue().iterator().next());
            }
        }
        if (!problems.isEmpty()) {
            throw new TransportRegistrationException(problems);
        }
        return new TransportRegistry(Map.copyOf(byScheme));
    }

    private static String check(String key, Transport<?> t) {
        Class<?> type = t.getClass();
        String problem = TransportClasses.problem(type);
        if (problem != null) {
            return type.getName() + " cannot be used: " + problem;
        }
        String scheme = t.scheme();
        if (scheme == null || !SCHEME.matcher(scheme).matches()) {
            return type.getName() + ".scheme() : " + (scheme == null ? "null" : "'" + scheme + "'")
                    + " (expected: a lower-case URI scheme, e.g. 'ssh')";
        }
        if (!scheme.equals(key)) {
            return type.getName() + " is bound under '" + key + "' but serves '" + scheme + "' (bind it with"
                    + " addBinding(\"" + scheme + "\"))";
        }
        if (t.specType() == null || !ConnectionSpec.class.isAssignableFrom(t.specType())) {
            return type.getName() + ".specType() : " + t.specType()
                    + " (expected: the ConnectionSpec type the transport takes)";
        }
        return null;
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

    /** Every registered transport, one per scheme. */
    java.util.Collection<Transport<?>> all() {
        return byScheme.values();
    }

    private static String from(Class<?> specType) {
        CodeSource source = specType.getProtectionDomain().getCodeSource();
        URL location = source != null ? source.getLocation() : null;
        return location == null ? "" : " (the jar " + specType.getSimpleName() + " came from: " + location + ")";
    }
}
