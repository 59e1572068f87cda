package io.econtext.transport.sudo;

/**
 * sudo refused to run without a terminal (as {@code requiretty} makes it) and none could be given: util-linux
 * {@code script}, which provides it, is not installed on the machine that runs sudo. Install it ({@code bsdutils} on
 * Debian), or drop {@code requiretty} for the booting user.
 */
public class SudoTtyRequiredException extends SudoRefusedException {
    private static final long serialVersionUID = 1L;

    public SudoTtyRequiredException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
