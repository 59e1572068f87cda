package io.econtext.transport.sudo;

/**
 * sudo asked for the password again after it was given once: it was wrong (for the booting user, or for the target
 * or root under {@code targetpw}/{@code rootpw}). The transport never tries twice, so a wrong password does not lock
 * an account.
 */
public class SudoPasswordIncorrectException extends SudoAuthenticationException {
    private static final long serialVersionUID = 1L;

    public SudoPasswordIncorrectException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
