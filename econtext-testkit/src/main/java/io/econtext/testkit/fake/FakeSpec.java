package io.econtext.testkit.fake;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.spi.SpecChecks;
import java.time.Duration;
import java.util.List;

/**
 * The spec of an in-JVM fake context ({@link Fake#spec()}): no process, no {@code java} to find, so only a name and a
 * connect timeout. Components are codec types.
 *
 * @param via the context that boots the fake (which then runs in that context's JVM), or {@code null} for this JVM
 * @param name a name for the context, or {@code null} to let the router choose ({@code fake-N})
 * @param connectTimeoutMillis the bound on the boot, in milliseconds
 */
public record FakeSpec(Context via, String name, long connectTimeoutMillis) implements ConnectionSpec {
    public static final String SCHEME = "fake";

    public FakeSpec {
        SpecChecks.name(name);
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeout : " + connectTimeoutMillis + " ms (expected: > 0)");
        }
    }

    public FakeSpec via(Context via) {
        return new FakeSpec(via, name, connectTimeoutMillis);
    }

    public FakeSpec name(String name) {
        return new FakeSpec(via, name, connectTimeoutMillis);
    }

    public FakeSpec connectTimeout(Duration timeout) {
        return new FakeSpec(via, name, timeout.toMillis());
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public FakeSpec withoutVia() {
        return via(null);
    }

    /** Not used: a fake context runs in the JVM that boots it. */
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
        return Duration.ofMillis(connectTimeoutMillis);
    }
}
