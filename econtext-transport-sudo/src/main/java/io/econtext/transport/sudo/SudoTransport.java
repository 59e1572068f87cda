package io.econtext.transport.sudo;

import io.econtext.spi.Askpass;
import io.econtext.spi.BootCommand;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Boots a child as another user through {@code sudo -A} (see {@link SudoCommand} for the command lines and
 * {@link SudoProcess} for the authentication). Each boot gets its own {@link Askpass}, which hands the password (if
 * any) to the helper that sudo runs for its own authentication, and two random nonces: one in the marker that helper
 * prints each time sudo runs it (written only in the helper's private file, so nothing else can print it), one in
 * the marker the command prints once sudo let it run.
 *
 * <p>The askpass is made even when no password turns out to be needed (NOPASSWD, a cached ticket, root): its FIFO then
 * waits, unopened, while the target's login scripts run, and is closed when the command's marker arrives. It sits in a
 * directory of this JVM's user, mode 700, that the target cannot enter unless it is root, who can read this JVM's
 * memory anyway. Trying {@code sudo -n} first would spare that FIFO but cost a second sudo run whenever a password is
 * needed, and its refusal is recognisable only by sudo's wording.
 *
 * <pre>{@code
 * Context deploy = router.connect(Sudo.user("deploy").via(app));   // found by scheme "sudo"
 * }</pre>
 *
 * <p>Failures become typed exceptions: {@link SudoPasswordRequiredException}, {@link SudoPasswordIncorrectException},
 * {@link SudoRefusedException}, {@link SudoTtyRequiredException}; a missing {@code java} for the target user is
 * reported by the core as {@link io.econtext.JavaNotFoundException}.
 *
 * <p>JDK-only, stateless and thread-safe: intermediate contexts load it by name and run it to boot their own
 * children. {@link #start} runs on a thread that may block.
 */
public final class SudoTransport implements Transport<SudoSpec> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String scheme() {
        return Sudo.SCHEME;
    }

    @Override
    public Class<SudoSpec> specType() {
        return SudoSpec.class;
    }

    @Override
    public TransportProcess start(SudoSpec spec, BootCommand command) throws IOException {
        String asked = "ECONTEXT-SUDO-ASKED:" + nonce();
        String ok = "ECONTEXT-SUDO-OK:" + nonce();
        List<String> argv = SudoCommand.sudo(spec, command.script(), command.environment(), ok);
        Askpass askpass = Askpass.start(
                spec.password(),
                "printf '%s\\n' '" + asked + "' >&2",
                "econtext-sudo-askpass-" + (spec.name() != null ? spec.name() : spec.user()));
        return SudoProcess.start(spec, argv, askpass, asked, ok);
    }

    private static String nonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        StringBuilder s = new StringBuilder(24);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }
}
