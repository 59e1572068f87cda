package io.econtext.cli;

import io.econtext.Secret;
import io.econtext.transport.ssh.HostKeyPolicy;
import io.econtext.transport.ssh.SshArgumentRefusedException;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the {@code ssh:} hops of a chain, applied to every one of them. A password never comes from the
 * command line: it is read from an environment variable ({@code --password-env}) or prompted for on the terminal
 * ({@code --ask-password}), once, and kept as a {@link Secret}.
 */
public final class SshHopOptions {
    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "Private key for ssh hops (sets IdentitiesOnly too).")
    private String identity;

    @Option(
            names = "--ssh-option",
            paramLabel = "OPTION",
            description = "An ssh -o option for ssh hops, e.g. ProxyJump=bastion (repeatable).")
    private List<String> sshOptions = new ArrayList<>();

    @Option(
            names = "--ssh-client",
            paramLabel = "CLIENT",
            description = "openssh (default: the system's ssh, a process per hop) or embedded (Apache MINA SSHD in"
                    + " this JVM, no ssh process; for the ssh hops this JVM boots: hops below another hop run"
                    + " openssh; --ssh-option does not apply to it). With --hosts the default is embedded.")
    private String sshClient;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "known_hosts file for ssh hops (default: ssh's own).")
    private String knownHosts;

    @Option(
            names = "--host-key-policy",
            paramLabel = "POLICY",
            description = "enforce (default), accept-new or ignore.")
    private String hostKeyPolicy;

    private String passwordEnv;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Read the ssh password from this environment variable (no process started from here"
                    + " inherits it).")
    void setPasswordEnv(String var) {
        passwordEnv = Passwords.withheld(var);
    }

    @Option(names = "--ask-password", description = "Prompt for the ssh password on the terminal.")
    private boolean askPassword;

    private Secret password;

    /** Applies the options to one ssh hop; {@code fail} turns a bad option into a usage error. */
    SshSpec apply(SshSpec spec, java.util.function.Function<String, ParameterException> fail) {
        try {
            return applyChecked(spec, fail);
        } catch (SshArgumentRefusedException e) {
            throw fail.apply(refusal(e));
        } catch (IllegalArgumentException e) {
            throw fail.apply(e.getMessage());
        }
    }

    /**
     * Why an {@code --ssh-option} was refused, in the CLI's terms: the option of this command that sets the same
     * thing, rather than the {@link SshSpec} method the library's message names.
     */
    static String refusal(SshArgumentRefusedException e) {
        String shown = e.argument().startsWith("-o ") ? e.argument().substring(3) : e.argument();
        String head = "--ssh-option " + shown + ": refused: " + e.option() + " ";
        if (e.setting().isEmpty()) {
            return head + e.reason();
        }
        switch (e.setting().get()) {
            case BATCH_MODE:
                return head + "is set by econtext: yes, unless a password is given (--password-env, --ask-password)";
            case HOST_KEY_POLICY:
                return head + "is set by --host-key-policy";
            case KNOWN_HOSTS_FILE:
                return head + "is set by --known-hosts";
            case IDENTITIES_ONLY:
                return head + "is set by --identity (which sets IdentitiesOnly=yes)";
            case PORT:
                return head + "is set by the hop: --via ssh:[user@]host:PORT";
            case USER:
                return head + "is set by the hop: --via ssh:USER@host[:port]";
            case CONNECT_TIMEOUT:
                return head + "is derived from --connect-timeout";
            default:
                return head + "is set by econtext (" + e.setting().get().name().toLowerCase(java.util.Locale.ROOT)
                        + "), which this command does not change";
        }
    }

    /**
     * Applies the options to the ssh hop of an inventory host ({@code --hosts}): as {@link #apply}, and the embedded
     * client unless {@code --ssh-client} or {@code --ssh-option} chose OpenSSH's (a fleet saves a process per host,
     * and pays the embedded client's start once).
     */
    SshSpec applyToHost(SshSpec spec, java.util.function.Function<String, ParameterException> fail) {
        SshSpec s = apply(spec, fail);
        if (sshClient == null && sshOptions.isEmpty() && s.via() == null && s.client() == null) {
            s = s.client(SshClientKind.EMBEDDED);
        }
        return s;
    }

    private SshSpec applyChecked(SshSpec spec, java.util.function.Function<String, ParameterException> fail) {
        if (sshClient != null && client(sshClient, fail) == SshClientKind.EMBEDDED && spec.via() == null) {
            if (!sshOptions.isEmpty()) {
                throw fail.apply("--ssh-option: options of the OpenSSH client do not apply to --ssh-client embedded"
                        + " (it reads ~/.ssh/config); drop them or use --ssh-client openssh");
            }
            spec = spec.client(SshClientKind.EMBEDDED);
        }
        if (knownHosts != null) {
            spec = spec.knownHostsFile(knownHosts);
        }
        if (identity != null) {
            spec = spec.identityFile(identity).identitiesOnly(true);
        }
        if (!sshOptions.isEmpty()) {
            List<String> args = new ArrayList<>();
            for (String o : sshOptions) {
                args.add("-o");
                args.add(o);
            }
            spec = spec.extraArgs(args.toArray(new String[0]));
        }
        if (hostKeyPolicy != null) {
            spec = spec.hostKeyPolicy(policy(hostKeyPolicy, fail));
        }
        Secret secret = password(fail);
        if (secret != null) {
            spec = spec.password(secret);
        }
        return spec;
    }

    private static SshClientKind client(String text, java.util.function.Function<String, ParameterException> fail) {
        try {
            return SshClientKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail.apply("--ssh-client: '" + text + "' (expected: openssh or embedded)");
        }
    }

    private static HostKeyPolicy policy(String text, java.util.function.Function<String, ParameterException> fail) {
        try {
            return HostKeyPolicy.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw fail.apply("--host-key-policy: '" + text + "' (expected: enforce, accept-new or ignore)");
        }
    }

    private Secret password(java.util.function.Function<String, ParameterException> fail) {
        if (password == null) {
            password = Passwords.read(
                    passwordEnv, askPassword, "--password-env", "--ask-password", "ssh password: ", fail);
        }
        return password;
    }
}
