package io.econtext.internal.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which names the master may serve to a child: well-formed class and resource names that are not part of the JDK,
 * name nothing hidden and pass the allow/deny prefixes. Whether the file a name reaches may be served is {@link
 * ClassServerFiles}' part. Immutable and thread-safe.
 *
 * <p>Prefixes may be written with dots or slashes ({@code com.example.} and {@code com/example/} are the same); they
 * apply to class names and to resource paths alike, so an allow list that should admit {@code META-INF/services/}
 * must say so.
 */
final class ServePolicy {
    /** Never served, whatever the class path holds. */
    static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private static final int MAX_NAME_LENGTH = 0xFFFF;

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final List<String> allowPrefixes;
    private final List<String> denyPrefixes;

    ServePolicy(List<String> allowPrefixes, List<String> denyPrefixes) {
        this.allowPrefixes = dotted(Objects.requireNonNull(allowPrefixes, "allowPrefixes"));
        this.denyPrefixes = dotted(Objects.requireNonNull(denyPrefixes, "denyPrefixes"));
    }

    /** A well-formed binary name of a non-JDK class that the prefixes admit. */
    boolean mayServeClass(String binaryName) {
        return isBinaryName(binaryName) && !isJdkClass(binaryName) && isAllowed(binaryName);
    }

    /**
     * A {@linkplain #isSafeResourceName safe} resource path that the prefixes admit; {@code .class} resources follow
     * the class rules.
     */
    boolean mayServeResource(String resourceName) {
        if (!isSafeResourceName(resourceName)) {
            return false;
        }
        if (resourceName.endsWith(".class")) {
            String binaryName =
                    resourceName.substring(0, resourceName.length() - 6).replace('/', '.');
            return isBinaryName(binaryName) && !isJdkClass(binaryName) && isAllowed(binaryName);
        }
        return isAllowed(resourceName.replace('/', '.'));
    }

    /**
     * A class the JDK provides: a reserved prefix, or a class file the platform (or boot) loader finds. A name the JDK
     * provides is never served even when a jar on the class path holds it, because a child loads it from its own JDK.
     */
    boolean isJdkClass(String binaryName) {
        for (String prefix : JDK_PREFIXES) {
            if (binaryName.startsWith(prefix)) {
                return true;
            }
        }
        return platform.getResource(binaryName.replace('.', '/') + ".class") != null;
    }

    /** Deny prefixes win; an empty allow list admits everything else. */
    boolean isAllowed(String dottedName) {
        if (startsWithAny(dottedName, denyPrefixes)) {
            return false;
        }
        return allowPrefixes.isEmpty() || startsWithAny(dottedName, allowPrefixes);
    }

    static boolean isBinaryName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        if (name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.' || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c == '[' || c == ';' || c == '\0' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A relative path that cannot leave a class path root and names nothing hidden: not empty, no leading or trailing
     * {@code /}, no empty segment, no segment starting with {@code .} (so no {@code .}, {@code ..}, {@code .ssh/} or
     * {@code .env}), no backslash, colon (drive letters, URL schemes) or NUL.
     */
    static boolean isSafeResourceName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        if (name.indexOf('\\') >= 0 || name.indexOf(':') >= 0 || name.indexOf('\0') >= 0) {
            return false;
        }
        int start = 0;
        while (true) {
            int end = name.indexOf('/', start);
            String segment = end < 0 ? name.substring(start) : name.substring(start, end);
            if (segment.isEmpty() || segment.charAt(0) == '.') {
                return false;
            }
            if (end < 0) {
                return true;
            }
            start = end + 1;
        }
    }

    private static List<String> dotted(List<String> prefixes) {
        List<String> result = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("prefix : \"" + prefix + "\" (expected a non-empty package prefix)");
            }
            result.add(prefix.replace('/', '.'));
        }
        return List.copyOf(result);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
