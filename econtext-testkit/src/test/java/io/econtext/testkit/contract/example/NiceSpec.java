package io.econtext.testkit.contract.example;

import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecSettings;

/**
 * The spec of the example transport: a child JVM on the booting context's machine, started under {@code nice}. Its
 * own field is the niceness; the settings every spec shares (name, via, java, JVM options, connect timeout, ...) and
 * their withers come from {@link SettingsSpec}. Components are codec types (the spec travels to the context that boots
 * the child).
 *
 * @param settings the settings every spec shares
 * @param niceness the {@code nice -n} adjustment, 0-19
 */
public record NiceSpec(SpecSettings settings, int niceness) implements SettingsSpec<NiceSpec> {
    public static final String SCHEME = "nice";

    public NiceSpec {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness : " + niceness + " (expected: 0-19)");
        }
    }

    /** A child at {@code niceness}, booted by this JVM. */
    public static NiceSpec of(int niceness) {
        return new NiceSpec(SpecSettings.defaults(), niceness);
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public NiceSpec withSettings(SpecSettings settings) {
        return new NiceSpec(settings, niceness);
    }
}
