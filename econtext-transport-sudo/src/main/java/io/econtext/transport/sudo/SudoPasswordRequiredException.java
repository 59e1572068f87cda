package io.econtext.transport.sudo;

/**
 * sudo asked for a password and the spec has none. Give it with {@link SudoSpec#password(io.econtext.Secret)}, or
 * let the booting user run sudo without one ({@code NOPASSWD:} in sudoers).
 *
 * <pre>{@code
 * try {
 *   ctx = router.connect(Sudo.root().via(app));
 * } catch (SudoPasswordRequiredException e) {
 *   ctx = router.connect(Sudo.root().password(Secret.of(console.readPassword("sudo password: "))).via(app));
 * }
 * }</pre>
 */
public class SudoPasswordRequiredException extends SudoAuthenticationException {
    private static final long serialVersionUID = 1L;

    public SudoPasswordRequiredException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
