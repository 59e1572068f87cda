package io.econtext.transport.sudo;

import java.nio.charset.StandardCharsets;

/**
 * What sudo printed on stderr before it ran the command, read as it arrives. Two markers of the transport's own
 * settle everything, whatever sudo's wording or locale, each with its own random nonce:
 *
 * <pre>
 *   ECONTEXT-SUDO-ASKED:&lt;nonce&gt;\n   printed by the askpass helper each time sudo runs it; the nonce is written
 *                                    only in the helper's file (mode 700), so nothing else can print it
 *   ECONTEXT-SUDO-OK:&lt;nonce&gt;\n      printed by the command sudo ran: authentication is over. This nonce is on
 *                                    sudo's command line: it only keeps sudo's words apart from the command's
 * </pre>
 *
 * The first ask is answered by the helper itself, from the askpass FIFO (the password never passes here); a second
 * one means the password was refused; an ask without a password configured ends the boot at once. Everything else
 * sudo said is kept as text for the error report, without the markers.
 *
 * <p>A forged ok marker can only come from code of the target's, which runs after sudo authenticated: it can end
 * the handshake early (and break its own boot), never learn the password.
 *
 * <p>Threads: confined to the thread that reads sudo's stderr.
 */
final class SudoHandshake {
    /** What the caller must do after a {@link #feed}. */
    enum Step {
        /** Nothing yet: read on. */
        NOTHING,
        /** sudo ran the command; {@link #passThrough()} holds the bytes that followed the marker. */
        RUNNING,
        /** sudo asks for a password and there is none. */
        PASSWORD_REQUIRED,
        /** sudo asks again: the password was refused. */
        PASSWORD_INCORRECT
    }

    private final String askedLine;
    private final String okLine;
    private final boolean hasPassword;
    /** Bytes (as ISO-8859-1 chars) that may still be the start of a marker. */
    private final StringBuilder pending = new StringBuilder();
    /** Bytes (as ISO-8859-1 chars) that sudo said, markers removed. */
    private final StringBuilder said = new StringBuilder();

    private int asks;
    private Step outcome;
    private byte[] passThrough = new byte[0];

    SudoHandshake(String askedMarker, String okMarker, boolean hasPassword) {
        this.askedLine = askedMarker + "\n";
        this.okLine = okMarker + "\n";
        this.hasPassword = hasPassword;
    }

    /** Takes the next bytes sudo printed and says what to do. After a final step, feeding is an error. */
    Step feed(byte[] b, int off, int len) {
        if (outcome != null) {
            throw new IllegalStateException("handshake over: " + outcome);
        }
        pending.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
        for (; ; ) {
            int a = pending.indexOf(askedLine);
            int k = pending.indexOf(okLine);
            if (k >= 0 && (a < 0 || k < a)) {
                said.append(pending, 0, k);
                passThrough = pending.substring(k + okLine.length()).getBytes(StandardCharsets.ISO_8859_1);
                pending.setLength(0);
                return outcome = Step.RUNNING;
            }
            if (a < 0) {
                break;
            }
            said.append(pending, 0, a);
            pending.delete(0, a + askedLine.length());
            asks++;
            if (!hasPassword) {
                return outcome = Step.PASSWORD_REQUIRED;
            }
            if (asks > 1) {
                return outcome = Step.PASSWORD_INCORRECT;
            }
        }
        int keep = markerPrefixLength();
        said.append(pending, 0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return Step.NOTHING;
    }

    /** Length of the longest end of {@link #pending} that could grow into a marker. */
    private int markerPrefixLength() {
        for (int n = Math.min(pending.length(), Math.max(askedLine.length(), okLine.length()) - 1); n > 0; n--) {
            String tail = pending.substring(pending.length() - n);
            if (askedLine.startsWith(tail) || okLine.startsWith(tail)) {
                return n;
            }
        }
        return 0;
    }

    /** How many times sudo ran the askpass helper so far. */
    int asks() {
        return asks;
    }

    /** The final step, or {@code null} while sudo has not run the command nor failed. */
    Step outcome() {
        return outcome;
    }

    /** After {@link Step#RUNNING}: the bytes that followed the marker, which belong to the child's stderr. */
    byte[] passThrough() {
        return passThrough;
    }

    /** What sudo said, markers removed, trimmed; empty when it said nothing. */
    String sudoText() {
        String latin = said.toString() + pending;
        return new String(latin.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
    }
}
