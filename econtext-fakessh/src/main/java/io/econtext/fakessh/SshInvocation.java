package io.econtext.fakessh;

import java.util.List;
import java.util.Set;

/**
 * One {@code ssh} command line as a tool wrote it, parsed the way OpenSSH parses it: options, the destination, then
 * the remote command, whose words ssh joins with spaces for the remote shell.
 *
 * <pre>{@code
 * SshInvocation.parse(List.of("-l", "ops", "-o", "BatchMode=yes", "app1", "rsync", "--server", "."))
 *     // destination "app1", user "ops", command "rsync --server ."
 * SshInvocation.parse(List.of("-x", "-s", "--", "app1", "sftp"))      // the sftp subsystem
 * }</pre>
 *
 * Options that only shape the connection (ports, users, ciphers, {@code -o ...}, verbosity, {@code -x -T -a -q}) are
 * accepted and ignored: the context is the connection. Options that ask for something a context cannot give (port
 * forwarding, a terminal, a background or master connection, stdio forwarding) are refused with a message naming them.
 *
 * @param destination the host part ({@code [user@]host} or {@code ssh://...}); not used to route
 * @param user the {@code -l} user, or {@code null}
 * @param subsystem true when {@code -s} asks for the subsystem named by {@link #command()} (e.g. {@code sftp})
 * @param command the remote command: the words after the destination joined with spaces
 */
record SshInvocation(String destination, String user, boolean subsystem, String command) {
    /** Flags without an argument that do not matter here. */
    private static final String IGNORED_FLAGS = "46AaCgKkqTvxYy1";
    /** Options with an argument that do not matter here. */
    private static final String IGNORED_WITH_ARGUMENT = "BbcEeFIiJmOopQS";
    /** Options with an argument that a context cannot honour, and why. */
    private static final Set<Character> FORWARDING = Set.of('L', 'R', 'D', 'W', 'w');

    /** Parses {@code args} (without the program name); {@link IllegalArgumentException} says what cannot be done. */
    static SshInvocation parse(List<String> args) {
        String user = null;
        boolean subsystem = false;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                break;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (IGNORED_FLAGS.indexOf(c) >= 0) {
                    continue;
                }
                if (c == 's') {
                    subsystem = true;
                    continue;
                }
                if (c == 'V') {
                    throw new IllegalArgumentException("-V: this is econtext's fakessh, not OpenSSH");
                }
                if (c == 't') {
                    throw new IllegalArgumentException("-t: fakessh cannot allocate a terminal (run commands only)");
                }
                if (c == 'N' || c == 'f' || c == 'M' || c == 'G') {
                    throw new IllegalArgumentException("-" + c + ": fakessh runs one remote command per invocation;"
                            + " it has no background, master or configuration-dump mode");
                }
                boolean forwarding = FORWARDING.contains(c);
                if (IGNORED_WITH_ARGUMENT.indexOf(c) >= 0 || forwarding || c == 'l' || c == 'p') {
                    String value;
                    if (k + 1 < a.length()) {
                        value = a.substring(k + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException("-" + c + ": needs a value");
                    }
                    if (forwarding) {
                        throw new IllegalArgumentException("-" + c + " " + value
                                + ": fakessh cannot forward ports or stdio; it runs the remote command only");
                    }
                    if (c == 'l') {
                        user = value;
                    }
                    break;
                }
                throw new IllegalArgumentException("-" + c + ": unknown ssh option");
            }
            i++;
        }
        if (i >= args.size()) {
            throw new IllegalArgumentException("no destination (expected: ssh [options] destination command)");
        }
        String destination = args.get(i++);
        if (i >= args.size()) {
            throw new IllegalArgumentException("no remote command after '" + destination
                    + "': fakessh runs commands, it cannot open an interactive shell");
        }
        String command = String.join(" ", args.subList(i, args.size()));
        if (subsystem && !command.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("-s: '" + command + "' is not a subsystem name");
        }
        return new SshInvocation(destination, user, subsystem, command);
    }
}
