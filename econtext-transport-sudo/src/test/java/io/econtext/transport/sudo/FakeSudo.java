package io.econtext.transport.sudo;

import io.econtext.spi.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for {@code sudo}, as a shell script, for what a real sudo on this machine will not show: prompts of
 * other wordings (sudo-rs, PAM modules, other locales), or a sudo that reads a password from its stdin whatever it was
 * told. It parses the options the transport passes and runs the command as the same user.
 */
final class FakeSudo {
    private FakeSudo() {}

    /**
     * Writes a fake that, like sudo with {@code -A}, runs {@code $SUDO_ASKPASS PROMPT} for the password until it gets
     * {@code expected} (three tries, like sudo), and gives up at once when the helper answers nothing.
     *
     * @param prompt the prompt it hands the helper, or {@code null} for sudo's usual one
     * @param expected the password it wants, or {@code null} to ask for none
     * @param requireTty refuse like {@code requiretty} when there is no controlling terminal
     */
    static Path write(Path dir, String prompt, String expected, boolean requireTty) throws IOException {
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("askpass=\n");
        s.append("while [ $# -gt 0 ]; do case $1 in -A) askpass=1; shift;; --) shift; break;; *) shift;; esac;"
                + " done\n");
        s.append("prompt=")
                .append(Shell.quote(prompt != null ? prompt : "[sudo] password for someone: "))
                .append('\n');
        if (requireTty) {
            s.append("if ! (: </dev/tty) 2>/dev/null; then echo 'sudo: sorry, you must have a tty to run sudo' >&2;"
                    + " exit 1; fi\n");
        }
        if (expected != null) {
            s.append("[ -n \"$askpass\" ] || { echo 'sudo: a terminal is required to read the password' >&2;"
                    + " exit 1; }\n");
            s.append("tries=0\n");
            s.append("while :; do\n");
            s.append("  pw=$(\"$SUDO_ASKPASS\" \"$prompt\") || pw=\n");
            s.append("  if [ -z \"$pw\" ]; then echo 'sudo: no password was provided' >&2;"
                    + " [ $tries -gt 0 ] && echo \"sudo: $tries incorrect password attempt\" >&2; exit 1; fi\n");
            s.append("  [ \"$pw\" = ").append(Shell.quote(expected)).append(" ] && break\n");
            s.append("  sleep 0.2; tries=$((tries+1))\n");
            s.append("  [ $tries -ge 3 ] && { echo 'sudo: 3 incorrect password attempts' >&2; exit 1; }\n");
            s.append("  echo 'Sorry, try again.' >&2\n");
            s.append("done\n");
        }
        s.append("exec \"$@\"\n");
        return install(dir, s);
    }

    /**
     * Writes a fake that ignores {@code -A}: it prints {@code prompt} on stderr, as {@code sudo -S} does, and copies
     * whatever arrives on its stdin into {@code capture} as it comes (created at once), until it is killed.
     */
    static Path readingStdin(Path dir, String prompt, Path capture) throws IOException {
        String s = "#!/bin/sh\n"
                + "printf '%s' " + Shell.quote(prompt) + " >&2\n"
                + "exec dd bs=1 count=256 of=" + Shell.quote(capture.toString()) + " 2>/dev/null\n";
        return install(dir, s);
    }

    private static Path install(Path dir, CharSequence script) throws IOException {
        Path fake = Files.createTempFile(dir, "fake-sudo-", "");
        Files.writeString(fake, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }
}
