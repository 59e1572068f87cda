package io.econtext.transport.local;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.CpuScheduling;
import io.econtext.spi.SpecChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start a child JVM on the machine of the booting context. Immutable; build it fluently from
 * {@link Local#spec()}.
 *
 * <pre>{@code
 * Context c = router.connect(Local.spec().name("worker").jvmOption("-Xmx128m").via(parent));
 * }</pre>
 *
 * @param via the context that boots the child, or {@code null} for the caller's own JVM
 * @param name a name for the child ({@code null}: the router picks one)
 * @param javaPath the {@code java} to run
 * @param jvmOptions extra JVM options
 * @param connectTimeoutMillis bound on the whole boot
 * @param firstStageDirs where the first-stage jar may be written, in order (a directory that is sticky or the user's
 *     own); empty: the default list
 * @param environment variables added to the child's environment
 * @param cpuScheduling how the child's threads are scheduled
 * @param heartbeatIntervalMillis see {@link #heartbeat}; 0: the router's
 * @param heartbeatTimeoutMillis see {@link #heartbeat}; 0: the router's
 */
public record LocalSpec(
        Context via,
        String name,
        String javaPath,
        List<String> jvmOptions,
        long connectTimeoutMillis,
        List<String> firstStageDirs,
        Map<String, String> environment,
        CpuScheduling cpuScheduling,
        long heartbeatIntervalMillis,
        long heartbeatTimeoutMillis)
        implements ConnectionSpec {
    public LocalSpec {
        SpecChecks.javaPath(javaPath);
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeout : " + connectTimeoutMillis + " ms (expected: > 0)");
        }
        SpecChecks.name(name);
        jvmOptions = SpecChecks.jvmOptions(jvmOptions);
        firstStageDirs = List.copyOf(firstStageDirs);
        environment = Map.copyOf(environment);
        SpecChecks.cpuScheduling(cpuScheduling);
        SpecChecks.heartbeat(heartbeatIntervalMillis, heartbeatTimeoutMillis);
    }

    @Override
    public String scheme() {
        return Local.SCHEME;
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    @Override
    public LocalSpec withoutVia() {
        return via(null);
    }

    public LocalSpec via(Context via) {
        return new LocalSpec(
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

    public LocalSpec name(String name) {
        return new LocalSpec(
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

    public LocalSpec javaPath(String javaPath) {
        return new LocalSpec(
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

    public LocalSpec jvmOption(String option) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.add(option);
        return new LocalSpec(
                via,
                name,
                javaPath,
                all,
                connectTimeoutMillis,
                firstStageDirs,
                environment,
                cpuScheduling,
                heartbeatIntervalMillis,
                heartbeatTimeoutMillis);
    }

    public LocalSpec connectTimeout(Duration timeout) {
        return new LocalSpec(
                via,
                name,
                javaPath,
                jvmOptions,
                timeout.toMillis(),
                firstStageDirs,
                environment,
                cpuScheduling,
                heartbeatIntervalMillis,
                heartbeatTimeoutMillis);
    }

    public LocalSpec firstStageDirs(List<String> dirs) {
        return new LocalSpec(
                via,
                name,
                javaPath,
                jvmOptions,
                connectTimeoutMillis,
                dirs,
                environment,
                cpuScheduling,
                heartbeatIntervalMillis,
                heartbeatTimeoutMillis);
    }

    /** {@link CpuScheduling#INHERIT} keeps the booting process's policy for the child; the default is batch. */
    public LocalSpec cpuScheduling(CpuScheduling scheduling) {
        return new LocalSpec(
                via,
                name,
                javaPath,
                jvmOptions,
                connectTimeoutMillis,
                firstStageDirs,
                environment,
                scheduling,
                heartbeatIntervalMillis,
                heartbeatTimeoutMillis);
    }

    public LocalSpec environment(Map<String, String> env) {
        return new LocalSpec(
                via,
                name,
                javaPath,
                jvmOptions,
                connectTimeoutMillis,
                firstStageDirs,
                env,
                cpuScheduling,
                heartbeatIntervalMillis,
                heartbeatTimeoutMillis);
    }

    /**
     * The stream to this child sends a ping after {@code interval} without reading anything, and declares the child
     * unresponsive after {@code timeout} (at least twice the interval) without reading anything; the child, likewise,
     * exits when its parent was silent that long. Defaults to the router's ({@code RouterOptions.withHeartbeat}).
     */
    public LocalSpec heartbeat(Duration interval, Duration timeout) {
        return new LocalSpec(
                via,
                name,
                javaPath,
                jvmOptions,
                connectTimeoutMillis,
                firstStageDirs,
                environment,
                cpuScheduling,
                SpecChecks.heartbeatMillis(interval, "heartbeatInterval"),
                SpecChecks.heartbeatMillis(timeout, "heartbeatTimeout"));
    }

    @Override
    public Duration heartbeatInterval() {
        return heartbeatIntervalMillis == 0 ? null : Duration.ofMillis(heartbeatIntervalMillis);
    }

    @Override
    public Duration heartbeatTimeout() {
        return heartbeatTimeoutMillis == 0 ? null : Duration.ofMillis(heartbeatTimeoutMillis);
    }
}
