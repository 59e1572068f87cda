package io.econtext.spi;

import io.econtext.CpuScheduling;
import io.econtext.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /** The smallest heartbeat interval a spec or router accepts. */
    public static final long MIN_HEARTBEAT_INTERVAL_MILLIS = 10;

    /**
     * A heartbeat: both {@code 0} (the router's default), or an interval of at least {@value
     * #MIN_HEARTBEAT_INTERVAL_MILLIS} ms and a timeout of at least twice the interval (a ping must have time to be
     * answered before the silence counts).
     */
    public static void heartbeat(long intervalMillis, long timeoutMillis) {
        if (intervalMillis == 0 && timeoutMillis == 0) {
            return;
        }
        if (intervalMillis < MIN_HEARTBEAT_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("heartbeatInterval : " + intervalMillis + " ms (expected: >= "
                    + MIN_HEARTBEAT_INTERVAL_MILLIS + " ms)");
        }
        if (timeoutMillis < 2 * intervalMillis) {
            throw new IllegalArgumentException("heartbeatTimeout : " + timeoutMillis + " ms (expected: >= 2 x"
                    + " heartbeatInterval = " + 2 * intervalMillis + " ms)");
        }
    }

    /** Millis of a heartbeat duration given to a {@code withHeartbeat} method: not null, not negative. */
    public static long heartbeatMillis(java.time.Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " : " + d + " (expected: a positive duration)");
        }
        return d.toMillis();
    }

    /** How the child's threads are scheduled: not {@code null}. */
    public static void cpuScheduling(CpuScheduling cpuScheduling) {
        if (cpuScheduling == null) {
            throw new IllegalArgumentException("cpuScheduling : null (expected: BATCH or INHERIT)");
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

    /** Environment variables: names of letters, digits and {@code _}; returns an unmodifiable copy. */
    public static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        for (String key : copy.keySet()) {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "environment : '" + key + "' (expected: variable names of letters, digits and _)");
            }
        }
        return copy;
    }

    /**
     * A password a program reads as one line ({@code reader} names it in the message): no line break, no NUL. A
     * {@code null} password is accepted (none). The message never shows the password.
     */
    public static void oneLinePassword(Secret password, String reader) {
        if (password == null) {
            return;
        }
        char[] chars = password.reveal();
        try {
            for (char c : chars) {
                if (c == '\n' || c == '\r' || c == '\0') {
                    throw new IllegalArgumentException("password : contains a line break or NUL (expected: one line, "
                            + reader + " reads up to the first)");
                }
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** A user name for a command line: not empty, no blanks or control characters, not starting with {@code -}. */
    public static boolean isOptionSafeWord(String s) {
        if (s == null || s.isEmpty() || s.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
