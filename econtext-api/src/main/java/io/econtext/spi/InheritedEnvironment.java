package io.econtext.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment that every process econtext starts from this JVM inherits: this JVM's own, less the variables
 * withheld. Java cannot remove a variable from its own environment, so a secret that arrived in one (the command
 * line's {@code --password-env VAR}) is withheld here instead, as soon as its name is known: then no child JVM,
 * {@code ssh}, {@code sudo}, askpass helper or tool run through fakessh carries it, nor anything those start, since
 * each inherits from the one before.
 *
 * <pre>{@code
 * InheritedEnvironment.withhold("DEPLOY_PASSWORD");         // before the first process starts
 * Process p = InheritedEnvironment.processBuilder("ssh", host, "true").start();   // no DEPLOY_PASSWORD in its env
 * }</pre>
 *
 * Every process econtext starts goes through {@link #processBuilder}; transports that start their own should too.
 * Thread-safe; the set of withheld names only grows, for the life of the JVM.
 */
public final class InheritedEnvironment {
    private static final Set<String> WITHHELD = ConcurrentHashMap.newKeySet();

    private InheritedEnvironment() {}

    /** From now on, no process econtext starts from this JVM inherits the variable {@code name}. */
    public static void withhold(String name) {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "name : '" + name + "' (expected: an environment variable name, without '=' or NUL)");
        }
        WITHHELD.add(name);
    }

    /** The names withheld so far, sorted. */
    public static Set<String> withheld() {
        return new TreeSet<String>(WITHHELD);
    }

    /** A builder for {@code command} whose environment is this JVM's, less the withheld variables. */
    public static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        scrub(pb.environment());
        return pb;
    }

    /** Same as {@link #processBuilder(List)}. */
    public static ProcessBuilder processBuilder(String... command) {
        return processBuilder(Arrays.asList(command));
    }

    /** Removes the withheld variables from {@code environment} (e.g. a {@link ProcessBuilder#environment()}). */
    public static void scrub(Map<String, String> environment) {
        if (WITHHELD.isEmpty()) {
            return;
        }
        for (String name : WITHHELD) {
            environment.remove(name);
        }
    }
}
