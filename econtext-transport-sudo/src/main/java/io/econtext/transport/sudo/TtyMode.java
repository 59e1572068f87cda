package io.econtext.transport.sudo;

/**
 * Whether sudo runs with a terminal. sudo only needs one when the sudoers policy says {@code requiretty}; the child's
 * stdio stay pipes either way (the terminal is only sudo's controlling terminal, provided by util-linux
 * {@code script}), so the protocol never passes through a line discipline.
 */
public enum TtyMode {
    /** Without a terminal first; when sudo refuses before asking anything, once more with one. */
    AUTO,
    /** Always with a terminal (saves the first attempt where {@code requiretty} is known to apply). */
    ALWAYS,
    /** Never with a terminal: a {@code requiretty} policy fails the boot with {@link SudoTtyRequiredException}. */
    NEVER
}
