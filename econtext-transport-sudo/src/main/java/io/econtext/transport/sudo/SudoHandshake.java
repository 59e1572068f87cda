package io.econtext.transport.sudo;

import java.nio.charset.StandardCharsets;

/**
 * What sudo printed on stderr before it ran the command, read as it arrives. Two markers of the transport's own
 * settle everything, whatever sudo's wording or locale:
 *
 * <pre>
 *   ECONTEXT-SUDO-PROMPT-&lt;nonce&gt;:        sudo's password prompt (its {@code -p}); no line end
 *   ECONTEXT-SUDO-OK:&lt;nonce&gt;\n            printed by the command sudo ran: authentication is over
 * </pre>
 *
 * The first prompt asks for the password (once); a second one means it was refused; a prompt without a password
 * configured ends the boot at once. Where sudo does not honour {@code -p} (a PAM module with its own prompt, a sudo
 * that ignores it), its prompt is recognised by its shape: a line without a line end, followed by silence (the
 * caller measures the silence, see {@link #awaitingInput()}). Everything else sudo said is kept as text for the error
 * report, without the markers.
 *
 * <p>Threads: confined to the thread that reads sudo's stderr.
 */
final class SudoHandshake {
    /** What the caller must do after a {@link #feed}. */
    enum Step {
        /** Nothing yet: read on. */
        NOTHING,
        /** sudo asks for the password: write it to sudo's stdin, followed by a line end. */
        SEND_PASSWORD,
        /** sudo ran the command; {@link #passThrough()} holds the bytes that followed the marker. */
        RUNNING,
        /** sudo asks for a password and there is none. */
        PASSWORD_REQUIRED,
        /** sudo asks again: the password was refused. */
        PASSWORD_INCORRECT
    }

    private final String prompt;
    private final String okLine;
    private final boolean hasPassword;
    /** Bytes (as ISO-8859-1 chars) that may still be the start of a marker. */
    private final StringBuilder pending = new StringBuilder();
    /** Bytes (as ISO-8859-1 chars) that sudo said, markers removed. */
    private final StringBuilder said = new StringBuilder();

    private int prompts;
    private boolean passwordSent;
    private Step outcome;
    private byte[] passThrough = new byte[0];
    /** {@link #said} length up to which an unterminated line was already taken for a prompt. */
    private int foreignPromptEnd = -1;

    SudoHandshake(String promptMarker, String okMarker, boolean hasPassword) {
        this.prompt = promptMarker;
        this.okLine = okMarker + "\n";
        this.hasPassword = hasPassword;
    }

    /** Takes the next bytes sudo printed and says what to do. After a final step, feeding is an error. */
    Step feed(byte[] b, int off, int len) {
        if (outcome != null) {
            throw new IllegalStateException("handshake over: " + outcome);
        }
        pending.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
        boolean wantPassword = false;
        for (; ; ) {
            int p = pending.indexOf(prompt);
            int k = pending.indexOf(okLine);
            if (k >= 0 && (p < 0 || k < p)) {
                said.append(pending, 0, k);
                passThrough = pending.substring(k + okLine.length()).getBytes(StandardCharsets.ISO_8859_1);
                pending.setLength(0);
                return outcome = Step.RUNNING;
            }
            if (p < 0) {
                break;
            }
            said.append(pending, 0, p);
            pending.delete(0, p + prompt.length());
            Step s = prompted();
            if (s != Step.SEND_PASSWORD) {
                return s;
            }
            wantPassword = true;
        }
        int keep = markerPrefixLength();
        said.append(pending, 0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return wantPassword ? Step.SEND_PASSWORD : Step.NOTHING;
    }

    /**
     * True when sudo's text ends in a line without a line end that was not taken for a prompt yet: maybe a prompt of
     * its own wording. The caller waits a moment; if nothing follows, it calls {@link #foreignPrompt()}.
     */
    boolean awaitingInput() {
        if (outcome != null || pending.length() > 0 || said.length() <= foreignPromptEnd) {
            return false;
        }
        int lineStart = said.lastIndexOf("\n") + 1;
        return lineStart < said.length() && !said.substring(lineStart).isBlank();
    }

    /** The unterminated line of {@link #awaitingInput()} stayed alone: it is a prompt. */
    Step foreignPrompt() {
        foreignPromptEnd = said.length();
        return prompted();
    }

    private Step prompted() {
        prompts++;
        if (!hasPassword) {
            return outcome = Step.PASSWORD_REQUIRED;
        }
        if (passwordSent) {
            return outcome = Step.PASSWORD_INCORRECT;
        }
        passwordSent = true;
        return Step.SEND_PASSWORD;
    }

    /** Length of the longest end of {@link #pending} that could grow into a marker. */
    private int markerPrefixLength() {
        for (int n = Math.min(pending.length(), Math.max(prompt.length(), okLine.length()) - 1); n > 0; n--) {
            String tail = pending.substring(pending.length() - n);
            if (prompt.startsWith(tail) || okLine.startsWith(tail)) {
                return n;
            }
        }
        return 0;
    }

    /** Prompts seen so far (marked or recognised by shape). */
    int prompts() {
        return prompts;
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
