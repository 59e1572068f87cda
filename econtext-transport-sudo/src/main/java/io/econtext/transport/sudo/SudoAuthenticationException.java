package io.econtext.transport.sudo;

import io.econtext.BootstrapException;

/**
 * sudo did not accept the boot because of its password: none was given ({@link SudoPasswordRequiredException}) or the
 * one given was refused ({@link SudoPasswordIncorrectException}). The password never appears in the message.
 */
public class SudoAuthenticationException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public SudoAuthenticationException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
