package io.econtext.spi;

import io.econtext.Context;
import io.econtext.CpuScheduling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings every {@link io.econtext.ConnectionSpec} shares, validated once, here, with the same messages for
 * every transport. A transport's spec holds one as a component and implements {@link SettingsSpec}, which gives it
 * every shared getter and wither: the spec itself is its own fields only.
 *
 * <pre>{@code
 * public record NiceSpec(SpecSettings settings, int niceness) implements SettingsSpec<NiceSpec> {
 *   public NiceSpec withSettings(SpecSettings settings) { return new NiceSpec(settings, niceness); }
 * }
 * NiceSpec spec = new NiceSpec(SpecSettings.defaults(), 5).name("worker").jvmOption("-Xmx64m");
 * }</pre>
 *
 * A value that travels (with the spec, to the context that boots the child): its components are codec types.
 *
 * @param via the context that boots the child, or {@code null} for the caller's own JVM
 * @param name a name for the child ({@code null}: the router picks one)
 * @param javaPath the {@code java} to run on the target
 * @param jvmOptions extra options for the child JVM, each starting with {@code -}
 * @param connectTimeoutMillis bound on the whole boot, at least {@value #MIN_CONNECT_TIMEOUT_MILLIS} ms
 * @param firstStageDirs where the first-stage jar may be written, in order; empty: the default list
 * @param environment variables set for the boot script (names of letters, digits and {@code _})
 * @param cpuScheduling how the child's threads are scheduled
 * @param heartbeatIntervalMillis see {@link #heartbeat}; 0: the router's
 * @param heartbeatTimeoutMillis see {@link #heartbeat}; 0: the router's
 */
public record SpecSettings(
        Context via,
        String name,
        String javaPath,
        List<String> jvmOptions,
        long connectTimeoutMillis,
        List<String> firstStageDirs,
        Map<String, String> environment,
        CpuScheduling cpuScheduling,
        long heartbeatIntervalMillis,
        long heartbeatTimeoutMillis) {
    /** The default bound on a boot. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 30_000;
    /** The smallest bound on a boot any spec accepts. */
    public static final long MIN_CONNECT_TIMEOUT_MILLIS = 100;

    public SpecSettings {
        SpecChecks.name(name);
        SpecChecks.javaPath(javaPath);
        if (jvmOptions == null) {
            throw new IllegalArgumentException("jvmOptions : null (expected: a list, possibly empty)");
        }
        jvmOptions = SpecChecks.jvmOptions(jvmOptions);
        if (connectTimeoutMillis < MIN_CONNECT_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("connectTimeout : " + connectTimeoutMillis + " ms (expected: >= "
                    + MIN_CONNECT_TIMEOUT_MILLIS + " ms)");
        }
        if (firstStageDirs == null) {
            throw new IllegalArgumentException("firstStageDirs : null (expected: a list, possibly empty)");
        }
        firstStageDirs = List.copyOf(firstStageDirs);
        if (environment == null) {
            throw new IllegalArgumentException("environment : null (expected: a map, possibly empty)");
        }
        environment = SpecChecks.environment(environment);
        SpecChecks.cpuScheduling(cpuScheduling);
        SpecChecks.heartbeat(heartbeatIntervalMillis, heartbeatTimeoutMillis);
    }

    /**
     * No via, no name, the {@code java} on {@code PATH}, no JVM options, a 30 s connect timeout, the default
     * first-stage directories, no variables, {@link CpuScheduling#BATCH}, the router's heartbeat.
     */
    public static SpecSettings defaults() {
        return new SpecSettings(
                null,
                null,
                "java",
                List.of(),
                DEFAULT_CONNECT_TIMEOUT_MILLIS,
                List.of(),
                Map.of(),
                CpuScheduling.BATCH,
                0,
                0);
    }

    /** These settings for a child booted by {@code via} ({@code null}: by the caller's own JVM). */
    public SpecSettings via(Context via) {
        return edit(c -> c.via = via);
    }

    /** These settings for a child named {@code name} ({@code null}: the router picks one). */
    public SpecSettings name(String name) {
        return edit(c -> c.name = name);
    }

    /** These settings with another {@code java} to run on the target. */
    public SpecSettings javaPath(String javaPath) {
        return edit(c -> c.javaPath = javaPath);
    }

    /** These settings with {@code option} added to the JVM options. */
    public SpecSettings jvmOption(String option) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.add(option);
        return edit(c -> c.jvmOptions = all);
    }

    /** These settings with another bound on the whole boot. */
    public SpecSettings connectTimeout(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException(
                    "connectTimeout : null (expected: a duration of at least " + MIN_CONNECT_TIMEOUT_MILLIS + " ms)");
        }
        return edit(c -> c.connectTimeoutMillis = timeout.toMillis());
    }

    /** These settings with other candidate directories for the first stage. */
    public SpecSettings firstStageDirs(List<String> dirs) {
        return edit(c -> c.firstStageDirs = dirs);
    }

    /** These settings with other variables for the boot script. */
    public SpecSettings environment(Map<String, String> environment) {
        return edit(c -> c.environment = environment);
    }

    /** These settings with another CPU scheduling for the child. */
    public SpecSettings cpuScheduling(CpuScheduling cpuScheduling) {
        return edit(c -> c.cpuScheduling = cpuScheduling);
    }

    /** See {@link SettingsSpec#heartbeat}. */
    public SpecSettings heartbeat(Duration interval, Duration timeout) {
        long intervalMillis = SpecChecks.heartbeatMillis(interval, "heartbeatInterval");
        long timeoutMillis = SpecChecks.heartbeatMillis(timeout, "heartbeatTimeout");
        return edit(c -> {
            c.heartbeatIntervalMillis = intervalMillis;
            c.heartbeatTimeoutMillis = timeoutMillis;
        });
    }

    /** A copy of these settings with {@code change} made to it, validated as always. */
    private SpecSettings edit(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components, to change one or two and build new settings (validated as always). */
    private static final class Copy {
        Context via;
        String name;
        String javaPath;
        List<String> jvmOptions;
        long connectTimeoutMillis;
        List<String> firstStageDirs;
        Map<String, String> environment;
        CpuScheduling cpuScheduling;
        long heartbeatIntervalMillis;
        long heartbeatTimeoutMillis;

        Copy(SpecSettings s) {
            via = s.via;
            name = s.name;
            javaPath = s.javaPath;
            jvmOptions = s.jvmOptions;
            connectTimeoutMillis = s.connectTimeoutMillis;
            firstStageDirs = s.firstStageDirs;
            environment = s.environment;
            cpuScheduling = s.cpuScheduling;
            heartbeatIntervalMillis = s.heartbeatIntervalMillis;
            heartbeatTimeoutMillis = s.heartbeatTimeoutMillis;
        }

        SpecSettings build() {
            return new SpecSettings(
                    via,
                    name,
                    javaPath,
                    jvmOptions,
                    connectTimeoutMillis,
                    firstStageDirs,
                    environment,
                    cpuScheduling,
                    heartbeatIntervalMillis,
                    heartbeatTimeoutMillis);
        }
    }
}
