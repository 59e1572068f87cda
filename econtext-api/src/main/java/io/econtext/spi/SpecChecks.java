package io.econtext.spi;

import java.util.List;

/**
 * Validation of the settings every {@link io.econtext.ConnectionSpec} shares, for transports' spec records to call
 * from their compact constructors, so that all transports accept and refuse the same values with the same messages.
 *
 * <pre>{@code
 * public record MySpec(String name, String javaPath, List<String> jvmOptions, ...) implements ConnectionSpec {
 *   public MySpec {
 *     SpecChecks.name(name);
 *     SpecChecks.javaPath(javaPath);
 *     jvmOptions = SpecChecks.jvmOptions(jvmOptions);
 *   }
 * }
 * }</pre>
 */
public final class SpecChecks {
    private SpecChecks() {}

    /** A context name: {@code null} (the router picks one) or 1-64 characters that are safe in {@code ps} and logs. */
    public static void name(String name) {
        if (name != null && !name.matches("[A-Za-z0-9_.@:+-]{1,64}")) {
            throw new IllegalArgumentException(
                    "name : '" + name + "' (expected: 1-64 of letters, digits and _ . @ : + -)");
        }
    }

    /** The {@code java} to run: a path or a command name. */
    public static void javaPath(String javaPath) {
        if (javaPath == null || javaPath.isBlank()) {
            throw new IllegalArgumentException("javaPath : '" + javaPath + "' (expected: a path or command name)");
        }
    }

    /** JVM options, each starting with {@code -}; returns an unmodifiable copy. */
    public static List<String> jvmOptions(List<String> jvmOptions) {
        List<String> copy = List.copyOf(jvmOptions);
        for (String o : copy) {
            if (!o.startsWith("-")) {
                throw new IllegalArgumentException("jvmOptions : '" + o + "' (expected: options starting with '-')");
            }
        }
        return copy;
    }
}
