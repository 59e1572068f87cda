package io.econtext.transport.ssh;

import java.util.List;

/**
 * No key was accepted and the server would take a password, but none was given. Give one with
 * {@link SshSpec#password(io.econtext.Secret)}, or install a key the server accepts.
 *
 * <pre>{@code
 * Context c;
 * try {
 *   c = router.connect(spec);
 * } catch (SshPasswordRequiredException e) {
 *   c = router.connect(spec.password(Secret.of(System.console().readPassword("password: "))));
 * }
 * }</pre>
 */
public class SshPasswordRequiredException extends SshAuthenticationException {
    private static final long serialVersionUID = 1L;

    public SshPasswordRequiredException(
            String message, Integer exitStatus, String outputTail, List<String> serverMethods) {
        super(message, exitStatus, outputTail, serverMethods, false);
    }

    /** As rebuilt from the message alone (a failure in an intermediate context). */
    public SshPasswordRequiredException(String message, Integer exitStatus, String outputTail) {
        this(message, exitStatus, outputTail, List.of());
    }
}
