package io.econtext.testkit.contract.example;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.spi.SpecChecks;
import java.time.Duration;
import java.util.List;

/**
 * The spec of the example transport: a child JVM on the booting context's machine, started under {@code nice}.
 * Components are codec types (the spec travels to the context that boots the child).
 *
 * @param via the context that boots the child, or {@code null} for the caller's JVM
 * @param name a name for the child, or {@code null}
 * @param niceness the {@code nice -n} adjustment, 0-19
 * @param firstStageDirs where the first stage may be written; empty: the default list
 */
public record NiceSpec(Context via, String name, int niceness, List<String> firstStageDirs) implements ConnectionSpec {
    public static final String SCHEME = "nice";

    public NiceSpec {
        SpecChecks.name(name);
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness : " + niceness + " (expected: 0-19)");
        }
        firstStageDirs = List.copyOf(firstStageDirs);
    }

    /** A child at {@code niceness}, booted by this JVM. */
    public static NiceSpec of(int niceness) {
        return new NiceSpec(null, null, niceness, List.of());
    }

    public NiceSpec via(Context via) {
        return new NiceSpec(via, name, niceness, firstStageDirs);
    }

    public NiceSpec firstStageDirs(List<String> dirs) {
        return new NiceSpec(via, name, niceness, dirs);
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public NiceSpec withoutVia() {
        return via(null);
    }

    @Override
    public String javaPath() {
        return "java";
    }

    @Override
    public List<String> jvmOptions() {
        return List.of();
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(30);
    }
}
