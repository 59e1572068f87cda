package io.econtext.transport.ssh;

import io.econtext.BootstrapException;
import java.util.List;

/**
 * The server refused every way the client tried to log in: no key accepted, or the password rejected. The message
 * says which, and what the server would accept.
 *
 * <pre>{@code
 * try {
 *   router.connect(Ssh.to("web1").user("deploy").identityFile(key));
 * } catch (SshAuthenticationException e) {
 *   log.error("cannot log in to web1 (server accepts {})", e.serverMethods());
 * }
 * }</pre>
 */
public class SshAuthenticationException extends BootstrapException {
    private static final long serialVersionUID = 1L;
    private final List<String> serverMethods;
    private final boolean passwordRejected;

    public SshAuthenticationException(
            String message,
            Integer exitStatus,
            String outputTail,
            List<String> serverMethods,
            boolean passwordRejected) {
        super(message, exitStatus, outputTail);
        this.serverMethods = List.copyOf(serverMethods);
        this.passwordRejected = passwordRejected;
    }

    /**
     * As rebuilt from the message alone, e.g. when the failure happened in an intermediate context: the server's
     * methods are then unknown.
     */
    public SshAuthenticationException(String message, Integer exitStatus, String outputTail) {
        this(message, exitStatus, outputTail, List.of(), false);
    }

    /** The methods the server said it accepts, e.g. {@code [publickey, password]}; empty when unknown. */
    public List<String> serverMethods() {
        return serverMethods;
    }

    /** True when a password was given, the server accepts passwords, and it was refused: the password is wrong. */
    public boolean passwordRejected() {
        return passwordRejected;
    }
}
