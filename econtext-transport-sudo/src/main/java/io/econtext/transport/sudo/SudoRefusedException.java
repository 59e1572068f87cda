package io.econtext.transport.sudo;

import io.econtext.BootstrapException;

/**
 * sudo ended before it ran the child, without asking for a password or after accepting it: the policy does not allow
 * the booting user to run commands as the target (or to keep the environment with {@code -E}), the target user does
 * not exist, or sudo failed. The message quotes what sudo said.
 */
public class SudoRefusedException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public SudoRefusedException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
