package io.econtext.transport.sudo;

import io.econtext.spi.BootCommand;
import io.econtext.spi.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command lines of the sudo transport. Without a terminal:
 *
 * <pre>
 * /bin/sh -c 'chmod 0644 /proc/self/fd/0; chmod 0622 /proc/self/fd/1; exec "$@"' econtext-sudo \
 * sudo -A -u USER [-H] [-E] [-i] [EXTRA...] -- /bin/sh -c '     # env SUDO_ASKPASS=/…/econtext-askpass.X/askpass
 *     printf "%s\n" ECONTEXT-SUDO-OK:&lt;nonce&gt; &gt;&amp;2      # sudo let us through
 *     export NAME=value ...                                # the spec's environment
 *     BOOT SCRIPT'                                         # the core's, unchanged
 * </pre>
 *
 * {@code -A} makes sudo ask its askpass helper, which it runs as this JVM's user during its own authentication, for
 * any password: the password travels neither a command line nor sudo's stdin, which the target's login scripts could
 * read. Nothing in these command lines is a secret. With a login shell ({@code -i}) sudo hands the command to the
 * target's shell with every character but letters, digits, {@code _}, {@code -} and {@code $} escaped; newlines and
 * {@code $} would not survive, so the script travels base64-encoded: {@code /bin/sh -c 'eval "`echo B64 | base64
 * -d`"'}.
 *
 * <p>With a terminal, util-linux {@code script} gives sudo a pseudo-terminal as its controlling terminal while its
 * stdin, stdout and stderr stay the transport's pipes (moved past {@code script} on fds 5-7), so {@code requiretty}
 * is satisfied and the protocol never crosses a line discipline (no echo, no CR/LF translation, no control
 * characters):
 *
 * <pre>
 * /bin/sh -c 'command -v script ... || exit 97; chmod ...; exec 5&lt;&amp;0 6&gt;&amp;1 7&gt;&amp;2;
 *             SHELL=/bin/sh exec script -qec "$0" /dev/null &lt;/dev/null &gt;/dev/null 2&gt;&amp;1'
 *           'exec sudo ... 0&lt;&amp;5 1&gt;&amp;6 2&gt;&amp;7 5&lt;&amp;- 6&gt;&amp;- 7&gt;&amp;-'
 * </pre>
 */
final class SudoCommand {
    /** Exit status of the terminal wrapper when {@code script} is not installed. */
    static final int EXIT_NO_SCRIPT = 97;
    /** What the terminal wrapper prints on stderr when {@code script} is not installed. */
    static final String NO_SCRIPT_MARKER = "ECONTEXT-SUDO-NOSCRIPT";

    /** sudo options that take a value: group, directory, SELinux role and type, AppArmor profile, chroot, fds, time. */
    private static final Set<String> WITH_VALUE = Set.of("-g", "-D", "-r", "-t", "-R", "-C", "-T");

    private static final Set<String> LONG_WITH_VALUE = Set.of(
            "--group",
            "--chdir",
            "--role",
            "--type",
            "--chroot",
            "--close-from",
            "--command-timeout",
            "--preserve-env");
    /** sudo flags that leave the bootstrap alone: reset the credential cache, keep the group vector. */
    private static final Set<String> FLAGS = Set.of("-k", "--reset-timestamp", "-P", "--preserve-groups");

    /**
     * Lets the child, which runs as another user, reopen its inherited stdin and stdout pipes through
     * {@code /dev/fd/3} and {@code /dev/fd/4} (the boot script moves them there): a pipe belongs to the user who made
     * it, mode 0600. Only processes that hold the pipe already, or may trace one that does, can reach it that way.
     */
    private static final String SHARE_PIPES =
            "chmod 0644 /proc/self/fd/0 2>/dev/null; chmod 0622 /proc/self/fd/1 2>/dev/null; ";

    private SudoCommand() {}

    /**
     * The sudo argv that runs {@code script} as the spec's user, asking {@code SUDO_ASKPASS} for any password.
     *
     * @param okMarker what the command prints on stderr once sudo has let it run
     */
    static List<String> sudo(SudoSpec spec, String script, Map<String, String> environment, String okMarker) {
        List<String> argv = new ArrayList<>();
        argv.add(spec.sudoPath());
        argv.add("-A");
        argv.add("-u");
        argv.add(spec.user());
        if (spec.setHome()) {
            argv.add("-H");
        }
        if (spec.preserveEnvironment()) {
            argv.add("-E");
        }
        if (spec.loginShell()) {
            argv.add("-i");
        }
        argv.addAll(spec.extraArgs());
        argv.add("--");
        argv.add("/bin/sh");
        argv.add("-c");
        String wrapped = wrap(script, environment, okMarker);
        argv.add(spec.loginShell() ? decodeAndRun(wrapped) : wrapped);
        return argv;
    }

    /** {@code sudoArgv} run from a shell that first lets the target user reopen the pipes (see class comment). */
    static List<String> plain(List<String> sudoArgv) {
        List<String> argv = new ArrayList<>(sudoArgv.size() + 4);
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add(SHARE_PIPES + "exec \"$@\"");
        argv.add("econtext-sudo");
        argv.addAll(sudoArgv);
        return argv;
    }

    /** {@code sudoArgv} run with a pseudo-terminal as sudo's controlling terminal, stdio kept (see class comment). */
    static List<String> underTerminal(List<String> sudoArgv) {
        StringBuilder inner = new StringBuilder("exec");
        for (String a : sudoArgv) {
            inner.append(' ').append(Shell.quote(a));
        }
        inner.append(" 0<&5 1>&6 2>&7 5<&- 6>&- 7>&-");
        String outer =
                "command -v script >/dev/null 2>&1 || { echo " + NO_SCRIPT_MARKER + " >&2; exit " + EXIT_NO_SCRIPT
                        + "; }; " + SHARE_PIPES + "exec 5<&0 6>&1 7>&2;"
                        + " SHELL=/bin/sh exec script -qec \"$0\" /dev/null </dev/null >/dev/null 2>&1";
        return List.of("/bin/sh", "-c", outer, inner.toString());
    }

    private static String wrap(String script, Map<String, String> environment, String okMarker) {
        StringBuilder s = new StringBuilder(script.length() + 128);
        s.append("printf '%s\\n' ").append(Shell.quote(okMarker)).append(" >&2\n");
        s.append(new BootCommand(script, environment).scriptWithEnvironment());
        return s.toString();
    }

    /** A command that survives sudo's escaping for login shells: only letters, digits, {@code +/=} and no {@code $}. */
    private static String decodeAndRun(String script) {
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        return "eval \"`echo " + b64 + " | base64 -d`\"";
    }

    /**
     * Refuses sudo options that would break the bootstrap: everything but {@code -g -D -r -t -R -C -T VALUE} (or their
     * long forms, also as {@code --name=VALUE}), {@code --preserve-env=LIST}, {@code -k} and {@code -P}. The transport
     * sets {@code -A -u -H -E -i} itself; others would background sudo, edit, list, or run something else.
     */
    static void checkExtraArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a == null) {
                throw new IllegalArgumentException("extraArgs : null element (expected: sudo options)");
            }
            if (FLAGS.contains(a)) {
                continue;
            }
            if (WITH_VALUE.contains(a) || LONG_WITH_VALUE.contains(a) && !a.equals("--preserve-env")) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException(
                            "extraArgs : '" + a + "' needs a value (expected: " + a + " VALUE)");
                }
                i++;
                continue;
            }
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && LONG_WITH_VALUE.contains(a.substring(0, eq))) {
                continue;
            }
            if (a.length() > 2 && !a.startsWith("--") && WITH_VALUE.contains(a.substring(0, 2))) {
                continue; // -gwheel
            }
            throw new IllegalArgumentException("extraArgs : '" + a + "' "
                    + refusal(a)
                    + " (accepted: -g/--group, -D/--chdir, -r/--role, -t/--type, -R/--chroot, -C/--close-from,"
                    + " -T/--command-timeout with a value, --preserve-env=LIST, -k, -P)");
        }
    }

    private static String refusal(String a) {
        switch (a) {
            case "-u":
            case "--user":
                return "is set by the transport: use Sudo.user(...)";
            case "-i":
            case "--login":
                return "is set by the transport: use loginShell(true)";
            case "-E":
            case "--preserve-env":
                return "is set by the transport: use preserveEnvironment(true)";
            case "-H":
            case "--set-home":
                return "is set by the transport: use setHome(true)";
            case "-S":
            case "--stdin":
            case "-p":
            case "--prompt":
            case "-A":
            case "--askpass":
                return "would take the password away from the askpass helper the transport gives sudo: use"
                        + " password(Secret)";
            case "-n":
            case "--non-interactive":
                return "is implied: without a password, a prompt fails the boot with SudoPasswordRequiredException";
            case "-b":
            case "--background":
                return "would detach the child from the pipes it talks over";
            case "-s":
            case "--shell":
                return "would re-parse the boot script: use loginShell(true) for the target's shell";
            default:
                return a.startsWith("-")
                        ? "would break the bootstrap or is unknown"
                        : "is not an option: the command sudo runs is the transport's";
        }
    }
}
