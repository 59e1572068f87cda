package io.econtext.transport.local;

import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecSettings;

/**
 * How to start a child JVM on the machine of the booting context. Immutable; build it fluently from
 * {@link Local#spec()}. It has no settings of its own: all are the ones every spec shares ({@link SettingsSpec}).
 *
 * <pre>{@code
 * Context c = router.connect(Local.spec().name("worker").jvmOption("-Xmx128m").via(parent));
 * }</pre>
 *
 * @param settings the settings every spec shares
 */
public record LocalSpec(SpecSettings settings) implements SettingsSpec<LocalSpec> {
    public LocalSpec {
        if (settings == null) {
            throw new IllegalArgumentException("settings : null (expected: e.g. SpecSettings.defaults())");
        }
    }

    @Override
    public String scheme() {
        return Local.SCHEME;
    }

    @Override
    public LocalSpec withSettings(SpecSettings settings) {
        return new LocalSpec(settings);
    }
}
