package io.econtext.testkit.fake;

import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecSettings;

/**
 * The spec of an in-JVM fake context ({@link Fake#spec()}). It starts no process and runs no {@code java}, so of the
 * shared settings ({@link SettingsSpec}) only the via, the name and the connect timeout count; the others are
 * accepted and ignored.
 *
 * @param settings the settings every spec shares
 */
public record FakeSpec(SpecSettings settings) implements SettingsSpec<FakeSpec> {
    public static final String SCHEME = "fake";

    public FakeSpec {
        if (settings == null) {
            throw new IllegalArgumentException("settings : null (expected: e.g. SpecSettings.defaults())");
        }
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public FakeSpec withSettings(SpecSettings settings) {
        return new FakeSpec(settings);
    }
}
