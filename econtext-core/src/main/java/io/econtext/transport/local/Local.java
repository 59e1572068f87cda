package io.econtext.transport.local;

import io.econtext.spi.SpecSettings;

/**
 * Entry point of the local transport.
 *
 * <pre>{@code
 * Context a = router.connect(Local.spec());
 * Context b = router.connect(Local.spec().via(a));   // a child of a, booted by a
 * }</pre>
 */
public final class Local {
    public static final String SCHEME = "local";
    /** Default bound on a boot. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = SpecSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS;

    private Local() {}

    /** A child JVM started with the {@code java} on {@code PATH}, default options, a 30 s connect timeout. */
    public static LocalSpec spec() {
        return new LocalSpec(SpecSettings.defaults());
    }
}
