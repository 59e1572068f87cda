package io.econtext.transport.sudo;

import io.econtext.internal.boot.BootScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for {@code sudo}, as a shell script, for what a real sudo on this machine will not show: prompts that
 * ignore {@code -p} (sudo-rs, PAM modules, other locales). It parses the options the transport passes, asks for the
 * password on stderr until it gets {@code expected} (three tries, like sudo), then runs the command as the same user.
 */
final class FakeSudo {
    private FakeSudo() {}

    /**
     * Writes the fake into {@code dir}.
     *
     * @param ownPrompt the prompt to show instead of {@code -p}'s, or {@code null} to honour {@code -p}
     * @param expected the password it wants, or {@code null} to ask for none
     * @param requireTty refuse like {@code requiretty} when there is no controlling terminal
     */
    static Path write(Path dir, String ownPrompt, String expected, boolean requireTty) throws IOException {
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("prompt=\n");
        s.append("while [ $# -gt 0 ]; do case $1 in -p) prompt=$2; shift 2;; --) shift; break;; *) shift;; esac;"
                + " done\n");
        if (ownPrompt != null) {
            s.append("prompt=").append(BootScript.quote(ownPrompt)).append('\n');
        }
        if (requireTty) {
            s.append("if ! (: </dev/tty) 2>/dev/null; then echo 'sudo: sorry, you must have a tty to run sudo' >&2;"
                    + " exit 1; fi\n");
        }
        if (expected != null) {
            s.append("tries=0\n");
            s.append("while :; do\n");
            s.append("  printf '%s' \"$prompt\" >&2\n");
            s.append("  IFS= read -r pw || { echo; echo 'sudo: no password was provided' >&2; exit 1; }\n");
            s.append("  echo >&2\n");
            s.append("  [ \"$pw\" = ").append(BootScript.quote(expected)).append(" ] && break\n");
            s.append("  sleep 0.2; tries=$((tries+1))\n");
            s.append("  [ $tries -ge 3 ] && { echo 'sudo: 3 incorrect password attempts' >&2; exit 1; }\n");
            s.append("  echo 'Sorry, try again.' >&2\n");
            s.append("done\n");
        }
        s.append("exec \"$@\"\n");
        Path fake = Files.createTempFile(dir, "fake-sudo-", "");
        Files.writeString(fake, s, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }
}
