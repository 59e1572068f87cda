package io.econtext.transport.sudo;

import io.econtext.spi.SpecSettings;
import java.util.List;

/**
 * Entry point of the sudo transport: a child JVM running as another user, started through {@code sudo} by the context
 * it is booted {@linkplain SudoSpec#via via} (this JVM by default).
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *   Context app = router.connect(Ssh.to("app1.internal").user("ops"));
 *   Context deploy = router.connect(Sudo.user("deploy").via(app));        // sudo -u deploy, on app1
 *   Context root = router.connect(Sudo.root().password(Secret.of(pw)).via(app));
 *   deploy.call(() -> Files.writeString(Path.of("/srv/app/flag"), "on"));  // owned by deploy
 * }
 * }</pre>
 *
 * <p>The target needs a {@code sudo} that knows {@code -A} ({@code SUDO_ASKPASS}; sudo.ws has for decades, sudo-rs
 * only in recent releases), {@code mkfifo} where sudo runs when a password is given, {@code /bin/sh} and a {@code
 * java} 17 or newer on the target user's {@code PATH} (or {@link SudoSpec#javaPath(String)}); with {@code
 * requiretty} also util-linux {@code script}. Nothing is left behind.
 */
public final class Sudo {
    /** The scheme of the sudo transport. */
    public static final String SCHEME = "sudo";
    /** The user a spec targets unless told otherwise. */
    public static final String ROOT = "root";
    /** Default bound on a boot, from starting {@code sudo} to the child's first answer. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = SpecSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS;

    private Sudo() {}

    /** A spec that becomes {@code user} with the defaults: no password, no login shell, {@link TtyMode#AUTO}. */
    public static SudoSpec user(String user) {
        return new SudoSpec(SpecSettings.defaults(), user, null, "sudo", false, false, false, List.of(), TtyMode.AUTO);
    }

    /** A spec that becomes root. */
    public static SudoSpec root() {
        return user(ROOT);
    }
}
