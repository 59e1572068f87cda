package io.econtext.transport.ssh;

import io.econtext.spi.BootCommand;
import io.econtext.spi.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of the OpenSSH client for a {@link SshSpec}: everything OpenSSH-specific about building it lives
 * here, so that another client can read the same spec. The shape, typed options first (for {@code -o} options the
 * first value wins in OpenSSH, so the spec's own settings beat {@code ~/.ssh/config} and the extra arguments):
 *
 * <pre>
 * ssh [-F CONFIG] [-p PORT] [-l USER] [-i FILE] [-o IdentitiesOnly=yes]
 *     -o BatchMode=yes                         (with a password: -o BatchMode=no -o NumberOfPasswordPrompts=1)
 *     -o ConnectTimeout=N -o ServerAliveInterval=I -o ServerAliveCountMax=C [-C]
 *     -o StrictHostKeyChecking=yes|accept-new|no [-o UserKnownHostsFile=F]
 *     -T EXTRA... HOST -- 'exec [env NAME=value...] sh -c '\''SCRIPT'\'''
 * </pre>
 *
 * The remote command is one argument: ssh hands it to the remote user's login shell, which runs {@code sh -c} on the
 * core's boot script, single-quoted so that no character of it is interpreted twice.
 *
 * <p>Stateless and thread-safe; JDK-only (intermediate contexts run it).
 */
final class OpenSshCommand {
    /** OpenSSH's option letters; a letter followed by ':' takes an argument (ssh.c, OpenSSH 9). */
    private static final String GETOPT = "1246ab:c:e:fgi:kl:m:no:p:qstvxAB:CD:E:F:GI:J:KL:MNO:P:Q:R:S:TVw:W:XYy";

    private OpenSshCommand() {}

    /** The full argv that boots {@code script} on the spec's host. */
    static List<String> argv(SshSpec spec, String script, Map<String, String> environment) {
        List<String> argv = options(spec, spec.password() != null, false);
        argv.add(spec.host());
        argv.add("--");
        argv.add(remoteCommand(script, environment));
        return argv;
    }

    /**
     * An argv that only shows the server's host key: verbose, strict, never authenticating. Used to name the
     * fingerprint when ssh refused an unknown host without printing it.
     */
    static List<String> hostKeyProbe(SshSpec spec) {
        List<String> argv = options(spec.hostKeyPolicy(HostKeyPolicy.ENFORCE), false, true);
        argv.add(spec.host());
        argv.add("--");
        argv.add("exit");
        return argv;
    }

    private static List<String> options(SshSpec spec, boolean password, boolean verbose) {
        List<String> a = new ArrayList<>(32);
        a.add(spec.sshPath());
        if (spec.configFile() != null) {
            a.add("-F");
            a.add(spec.configFile());
        }
        if (spec.proxyJump() != null) {
            a.add("-J");
            a.add(spec.proxyJump());
        }
        if (verbose) {
            a.add("-v");
        }
        if (spec.port() != SshSpec.PORT_UNSET) {
            a.add("-p");
            a.add(Integer.toString(spec.port()));
        }
        if (spec.user() != null) {
            a.add("-l");
            a.add(spec.user());
        }
        if (spec.identityFile() != null) {
            a.add("-i");
            a.add(percentEscaped(spec.identityFile()));
        }
        if (spec.identitiesOnly()) {
            option(a, "IdentitiesOnly", "yes");
        }
        if (password) {
            // no terminal prompt can happen: ssh asks the askpass program (SSH_ASKPASS_REQUIRE=force), and only once
            option(a, "BatchMode", "no");
            option(a, "NumberOfPasswordPrompts", "1");
        } else {
            option(a, "BatchMode", "yes");
        }
        option(
                a,
                "ConnectTimeout",
                Long.toString(sshConnectTimeoutSeconds(spec.connectTimeout().toMillis())));
        option(a, "ServerAliveInterval", Integer.toString(spec.keepaliveIntervalSeconds()));
        if (spec.keepaliveIntervalSeconds() > 0) {
            option(a, "ServerAliveCountMax", Integer.toString(spec.keepaliveCountMax()));
        }
        if (spec.compression()) {
            a.add("-C");
        }
        switch (spec.hostKeyPolicy()) {
            case ENFORCE:
                option(a, "StrictHostKeyChecking", "yes");
                knownHosts(a, spec.knownHostsFile());
                break;
            case ACCEPT_NEW:
                option(a, "StrictHostKeyChecking", "accept-new");
                knownHosts(a, spec.knownHostsFile());
                break;
            default:
                // nothing checked and nothing recorded; a key in the global file must not get in the way either
                // (ssh disables password logins when a known key mismatches)
                option(a, "StrictHostKeyChecking", "no");
                option(a, "UserKnownHostsFile", "/dev/null");
                option(a, "GlobalKnownHostsFile", "/dev/null");
                option(a, "LogLevel", "ERROR");
                break;
        }
        a.add("-T");
        a.addAll(spec.extraArgs());
        return a;
    }

    private static void option(List<String> argv, String key, String value) {
        argv.add("-o");
        argv.add(key + "=" + value);
    }

    private static void knownHosts(List<String> argv, String file) {
        if (file != null) {
            String f = percentEscaped(file);
            // the option takes a list of files separated by spaces: quote a path that contains one
            option(argv, "UserKnownHostsFile", f.matches(".*\\s.*") ? "\"" + f + "\"" : f);
        }
    }

    /** OpenSSH expands {@code %x} tokens in file names; {@code %%} is a literal {@code %}. */
    private static String percentEscaped(String path) {
        return path.replace("%", "%%");
    }

    /**
     * ssh's own {@code ConnectTimeout} (TCP connect, then again the banner exchange), a little below the boot's bound
     * so that an unreachable host is reported by ssh ("Connection timed out") rather than by the core's timer.
     */
    static long sshConnectTimeoutSeconds(long connectTimeoutMillis) {
        long margin = Math.min(connectTimeoutMillis / 5, 5000);
        return Math.max(1, (connectTimeoutMillis - margin) / 1000);
    }

    /**
     * The one argument ssh sends as the remote command: {@code exec sh -c 'export N=v ...; SCRIPT'}. The remote login
     * shell parses it once, so the script arrives at {@code sh -c} byte for byte.
     */
    static String remoteCommand(String script, Map<String, String> environment) {
        return "exec sh -c " + Shell.quote(new BootCommand(script, environment).scriptWithEnvironment());
    }

    /**
     * Refuses extra arguments that would break the bootstrap or contradict a typed option, with the reason. Parses
     * them as ssh's getopt would, so that combined flags ({@code -qt}) and attached values ({@code -p22}) are seen.
     */
    static void checkExtraArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg == null || !arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw refused(
                        String.valueOf(arg),
                        String.valueOf(arg),
                        "is not an option: the host comes from Ssh.to and the remote command from econtext");
            }
            for (int j = 1; j < arg.length(); j++) {
                char c = arg.charAt(j);
                int at = GETOPT.indexOf(c);
                if (c == ':' || at < 0) {
                    throw refused(arg, "-" + c, "is not an option of the OpenSSH client");
                }
                if (c == 'p') {
                    throw refused(arg, "-p", SshSetting.PORT);
                }
                if (c == 'l') {
                    throw refused(arg, "-l", SshSetting.USER);
                }
                String why = refusedFlag(c);
                if (why != null) {
                    throw refused(arg, "-" + c, why);
                }
                boolean takesValue = at + 1 < GETOPT.length() && GETOPT.charAt(at + 1) == ':';
                if (!takesValue) {
                    continue;
                }
                String value;
                if (j + 1 < arg.length()) {
                    value = arg.substring(j + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw refused(arg, "-" + c, "needs a value");
                }
                if (c == 'o') {
                    checkOption(j + 1 < arg.length() ? arg : arg + " " + value, value);
                }
                break;
            }
        }
    }

    private static String refusedFlag(char c) {
        switch (c) {
            case 't':
                return "allocates a terminal, which would mangle the binary protocol (econtext runs ssh with -T)";
            case 'n':
                return "closes stdin, which carries the econtext runtime";
            case 'N':
                return "runs no remote command, but econtext must run its boot script";
            case 'f':
                return "sends ssh to the background, away from the pipes econtext talks through";
            case 's':
                return "runs a subsystem instead of econtext's boot script";
            case 'W':
                return "forwards stdio to another host instead of running a command; go through a bastion with"
                        + " -J or via(bastionContext)";
            case 'O':
                return "sends a control command to a ControlMaster instead of connecting";
            case 'G':
            case 'V':
            case 'Q':
                return "makes ssh print something and exit without connecting";
            default:
                return null;
        }
    }

    private static void checkOption(String shown, String value) {
        String v = value.strip();
        int end = 0;
        while (end < v.length() && v.charAt(end) != '=' && !Character.isWhitespace(v.charAt(end))) {
            end++;
        }
        String option = v.substring(0, end);
        String why = null;
        SshSetting setting = null;
        switch (option.toLowerCase(Locale.ROOT)) {
            case "requesttty":
                why = "asks for a terminal, which would mangle the binary protocol";
                break;
            case "remotecommand":
            case "sessiontype":
                why = "replaces the remote command, but econtext must run its boot script";
                break;
            case "stdinnull":
                why = "closes stdin, which carries the econtext runtime";
                break;
            case "forkafterauthentication":
                why = "sends ssh to the background, away from the pipes econtext talks through";
                break;
            case "batchmode":
                setting = SshSetting.BATCH_MODE;
                break;
            case "stricthostkeychecking":
                setting = SshSetting.HOST_KEY_POLICY;
                break;
            case "userknownhostsfile":
                setting = SshSetting.KNOWN_HOSTS_FILE;
                break;
            case "port":
                setting = SshSetting.PORT;
                break;
            case "user":
                setting = SshSetting.USER;
                break;
            case "connecttimeout":
                setting = SshSetting.CONNECT_TIMEOUT;
                break;
            case "serveraliveinterval":
            case "serveralivecountmax":
                setting = SshSetting.KEEPALIVE;
                break;
            case "compression":
                setting = SshSetting.COMPRESSION;
                break;
            case "identitiesonly":
                setting = SshSetting.IDENTITIES_ONLY;
                break;
            default:
                return;
        }
        throw setting != null ? refused(shown, option, setting) : refused(shown, option, why);
    }

    private static SshArgumentRefusedException refused(String arg, String option, String why) {
        return new SshArgumentRefusedException(arg, option, why, null);
    }

    private static SshArgumentRefusedException refused(String arg, String option, SshSetting setting) {
        String why;
        switch (setting) {
            case BATCH_MODE:
                why = "is set by econtext: yes, unless a password is given";
                break;
            case CONNECT_TIMEOUT:
                why = "is derived from " + setting.specMethod();
                break;
            default:
                why = "is set from " + setting.specMethod();
        }
        return new SshArgumentRefusedException(arg, option, why, setting);
    }
}
