package io.econtext.spi;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.CpuScheduling;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A spec that holds the shared {@link SpecSettings}: it implements {@link #settings()} (a record component does) and
 * {@link #withSettings}, and gets every shared getter of {@link ConnectionSpec} and every shared wither, typed as
 * itself, from here.
 *
 * <pre>{@code
 * public record NiceSpec(SpecSettings settings, int niceness) implements SettingsSpec<NiceSpec> {
 *   public String scheme() { return "nice"; }
 *   public NiceSpec withSettings(SpecSettings settings) { return new NiceSpec(settings, niceness); }
 * }
 * Context c = router.connect(new NiceSpec(SpecSettings.defaults(), 5).name("worker").via(parent));
 * }</pre>
 *
 * @param <S> the spec type itself
 */
public interface SettingsSpec<S extends SettingsSpec<S>> extends ConnectionSpec {
    /** The settings every spec shares. */
    SpecSettings settings();

    /** This spec with {@code settings} instead of its own. */
    S withSettings(SpecSettings settings);

    @Override
    default Context via() {
        return settings().via();
    }

    @Override
    default S withoutVia() {
        return via(null);
    }

    @Override
    default String name() {
        return settings().name();
    }

    @Override
    default String javaPath() {
        return settings().javaPath();
    }

    @Override
    default List<String> jvmOptions() {
        return settings().jvmOptions();
    }

    @Override
    default Duration connectTimeout() {
        return Duration.ofMillis(settings().connectTimeoutMillis());
    }

    @Override
    default List<String> firstStageDirs() {
        return settings().firstStageDirs();
    }

    @Override
    default CpuScheduling cpuScheduling() {
        return settings().cpuScheduling();
    }

    @Override
    default Map<String, String> environment() {
        return settings().environment();
    }

    @Override
    default Duration heartbeatInterval() {
        long millis = settings().heartbeatIntervalMillis();
        return millis == 0 ? null : Duration.ofMillis(millis);
    }

    @Override
    default Duration heartbeatTimeout() {
        long millis = settings().heartbeatTimeoutMillis();
        return millis == 0 ? null : Duration.ofMillis(millis);
    }

    /** Boot the child through {@code via} (the transport then runs in that context), or here for {@code null}. */
    default S via(Context via) {
        return withSettings(settings().via(via));
    }

    /** A name for the child: 1-64 of letters, digits and {@code _ . @ : + -}; {@code null} lets the router pick. */
    default S name(String name) {
        return withSettings(settings().name(name));
    }

    /** The {@code java} to run on the target: a path or a command name on the target's {@code PATH}. */
    default S javaPath(String javaPath) {
        return withSettings(settings().javaPath(javaPath));
    }

    /** Adds an option for the child JVM, e.g. {@code -Xmx128m}. */
    default S jvmOption(String option) {
        return withSettings(settings().jvmOption(option));
    }

    /** Bound on the whole boot, from starting the transport to the child's first answer; at least 100 ms. */
    default S connectTimeout(Duration timeout) {
        return withSettings(settings().connectTimeout(timeout));
    }

    /** Where the first-stage jar may be written on the target, in order; empty: the default list. */
    default S firstStageDirs(List<String> dirs) {
        return withSettings(settings().firstStageDirs(dirs));
    }

    /** Variables for the boot script; a transport that puts them on a command line makes them visible: no secrets. */
    default S environment(Map<String, String> environment) {
        return withSettings(settings().environment(environment));
    }

    /** {@link CpuScheduling#INHERIT} keeps the booting process's policy for the child; the default is batch. */
    default S cpuScheduling(CpuScheduling scheduling) {
        return withSettings(settings().cpuScheduling(scheduling));
    }

    /**
     * The stream to this child sends a ping after {@code interval} without reading anything, and declares the child
     * unresponsive after {@code timeout} (at least twice the interval) without reading anything; the child, likewise,
     * exits when its parent was silent that long. Defaults to the router's ({@code RouterOptions.withHeartbeat}).
     */
    default S heartbeat(Duration interval, Duration timeout) {
        return withSettings(settings().heartbeat(interval, timeout));
    }
}
