package io.econtext.transport.sudo;

import io.econtext.BootstrapException;

/**
 * Turns a sudo that never ran the child into the typed exception that tells the user what to do, from what the
 * handshake saw (the askpass helper's calls, sudo's own text) and the exit status: a refused or missing password, a
 * terminal sudo needs but cannot get, sudo not installed, or a refusal in sudo's words.
 *
 * <p>Threads: runs on the booting thread, after the boot failed.
 */
final class SudoDiagnosis {
    private SudoDiagnosis() {}

    /**
     * The typed exception for the last attempt {@code a}, or {@code null} to leave it to the core (killed while
     * authenticating: the connect timeout).
     *
     * @param firstAttemptText what an attempt without a terminal said before {@code a} replaced it, or {@code null}
     */
    static RuntimeException diagnose(
            SudoSpec spec, SudoAttempts.Attempt a, String firstAttemptText, Integer exitStatus, String output) {
        String as = "sudo -u " + spec.user();
        SudoHandshake.Step outcome = a.handshake().outcome();
        if (outcome == SudoHandshake.Step.PASSWORD_INCORRECT) {
            return new SudoPasswordIncorrectException(
                    as + ": sudo refused the password (it asked again); check it: it is the booting user's password"
                            + " (or the target's or root's under targetpw/rootpw)",
                    exitStatus,
                    output);
        }
        if (outcome == SudoHandshake.Step.PASSWORD_REQUIRED) {
            return new SudoPasswordRequiredException(
                    as + ": sudo asked for a password and none was given; set one with password(Secret), or allow"
                            + " the booting user NOPASSWD in sudoers",
                    exitStatus,
                    output);
        }
        String text = a.handshake().sudoText();
        if (exitStatus != null
                && exitStatus == SudoCommand.EXIT_NO_SCRIPT
                && text.contains(SudoCommand.NO_SCRIPT_MARKER)) {
            String why = firstAttemptText != null && !firstAttemptText.isEmpty()
                    ? " (without one it said: " + lastLine(firstAttemptText) + ")"
                    : "";
            return new SudoTtyRequiredException(
                    as + ": sudo needs a terminal" + why + ", and util-linux 'script', which gives it one, is not"
                            + " installed where sudo runs: install it (bsdutils on Debian), or drop requiretty for"
                            + " the booting user",
                    exitStatus,
                    output);
        }
        if (exitStatus != null && exitStatus == 127 && !a.underTerminal()
                || text.contains(spec.sudoPath() + ": not found")) {
            return new BootstrapException(
                    as + ": '" + spec.sudoPath() + "' was not found where sudo should run: install sudo, or set"
                            + " sudoPath",
                    exitStatus,
                    output);
        }
        if (exitStatus == null) {
            return null; // killed while authenticating (the connect timeout): the core says so
        }
        String tried = a.underTerminal() && spec.tty() == TtyMode.AUTO ? " (with and without a terminal)" : "";
        return new SudoRefusedException(
                as + ": sudo ended before running the child" + tried + (text.isEmpty() ? "" : ": " + lastLine(text)),
                exitStatus,
                output);
    }

    private static String lastLine(String text) {
        String t = text.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
