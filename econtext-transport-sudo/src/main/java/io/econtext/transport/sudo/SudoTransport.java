package io.econtext.transport.sudo;

import io.econtext.spi.BootCommand;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Boots a child as another user through {@code sudo} (see {@link SudoCommand} for the command lines and
 * {@link SudoProcess} for the authentication). Each boot gets its own random nonce in its prompt and ok markers, so
 * nothing sudo or a login script prints can pass for them.
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
        String nonce = nonce();
        String prompt = "ECONTEXT-SUDO-PROMPT-" + nonce + ":";
        String ok = "ECONTEXT-SUDO-OK:" + nonce;
        List<String> argv = SudoCommand.sudo(spec, command.script(), command.environment(), prompt, ok);
        return SudoProcess.start(spec, argv, prompt, ok);
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
