package io.econtext.transport.ssh;

import java.util.List;

/**
 * The typed exceptions of a failed ssh boot, with the messages that say what to do, whichever client found out:
 * {@link OpenSshDiagnosis} reads them from OpenSSH's output, {@link EmbeddedSshDiagnosis} from what the embedded client
 * saw. No secret ever goes into a message.
 *
 * <p>Stateless; JDK-only (intermediate contexts run the OpenSSH diagnosis).
 */
final class SshFailures {
    private SshFailures() {}

    static SshHostKeyException hostKeyChanged(
            SshSpec spec, String host, String type, String fingerprint, Integer exit, String out) {
        return hostKeyChanged(spec, host, host, type, fingerprint, exit, out);
    }

    /** {@code keyName}: the host's name in known_hosts, for the {@code ssh-keygen -R} hint. */
    static SshHostKeyException hostKeyChanged(
            SshSpec spec, String host, String keyName, String type, String fingerprint, Integer exit, String out) {
        String now = fingerprint == null
                ? ""
                : " (it now presents " + (type != null ? type + " key " : "") + fingerprint + ")";
        return new SshHostKeyException(
                "the host key of " + host + " has CHANGED" + now + ": someone may be intercepting the"
                        + " connection, or the host was reinstalled. If the change is expected, remove the old key"
                        + " with ssh-keygen -R '" + keyName + "'" + knownHostsOption(spec) + " and connect again",
                exit,
                out,
                fingerprint,
                true);
    }

    /** {@code shown}: the presented key as {@code TYPE SHA256:...}, or what is known of it. */
    static SshHostKeyException hostKeyUnknown(
            SshSpec spec, String host, String shown, String fingerprint, Integer exit, String out) {
        return hostKeyUnknown(spec, host, portOption(spec) + " " + spec.host(), shown, fingerprint, exit, out);
    }

    /** {@code scan}: the arguments of the {@code ssh-keyscan} hint, e.g. {@code " -p 2222 app1"}. */
    static SshHostKeyException hostKeyUnknown(
            SshSpec spec, String host, String scan, String shown, String fingerprint, Integer exit, String out) {
        return new SshHostKeyException(
                "the host key of " + host + " (" + shown + ") is not known, and hostKeyPolicy is ENFORCE:"
                        + " check the fingerprint with the host's administrator and add the key to "
                        + knownHostsName(spec) + " (ssh-keyscan" + scan + " >> " + knownHostsName(spec)
                        + "), or trust it on first use with"
                        + " HostKeyPolicy.ACCEPT_NEW",
                exit,
                out,
                fingerprint,
                false);
    }

    static SshAuthenticationException tooManyLogins(String who, List<String> methods, Integer exit, String out) {
        return new SshAuthenticationException(
                who + " closed the connection after too many failed logins: the ssh agent probably offered many"
                        + " keys; name the right one with identityFile(...) (which implies identitiesOnly)",
                exit,
                out,
                methods,
                false);
    }

    /**
     * The server refused every login tried. {@code methods} are the ones it accepts (empty when unknown);
     * {@code identityHint} is appended where a key problem may be the reason (empty when none was seen).
     */
    static SshAuthenticationException loginRefused(
            SshSpec spec,
            String who,
            List<String> methods,
            boolean passwordGiven,
            String identityHint,
            Integer exit,
            String out) {
        boolean passwords = methods.contains("password") || methods.contains("keyboard-interactive");
        String accepts = methods.isEmpty() ? "" : " (the server accepts: " + String.join(", ", methods) + ")";
        if (!passwordGiven && passwords) {
            return new SshPasswordRequiredException(
                    who + " accepted none of the keys offered and asks for a password, but none was given: set"
                            + " password(Secret), or install a key it accepts" + accepts + identityHint,
                    exit,
                    out,
                    methods);
        }
        if (passwordGiven && passwords) {
            return new SshAuthenticationException(
                    who + " rejected the password (and none of the keys offered was accepted): check the password"
                            + accepts,
                    exit,
                    out,
                    methods,
                    true);
        }
        if (passwordGiven) {
            return new SshAuthenticationException(
                    who + " does not accept passwords and accepted none of the keys offered" + accepts
                            + ": log in with a key" + identityHint,
                    exit,
                    out,
                    methods,
                    false);
        }
        String keys = spec.identityFile() != null
                ? "identityFile " + spec.identityFile()
                : "the keys of the ssh agent and configuration";
        return new SshAuthenticationException(
                who + " accepted none of the keys offered" + accepts + ": check " + keys
                        + ", and that its public key is in ~/.ssh/authorized_keys of that account" + identityHint,
                exit,
                out,
                methods,
                false);
    }

    /** No TCP connection to {@code host} port {@code port}; {@code reason} as the OS says it, e.g. Connection refused. */
    static SshConnectException connectFailed(
            SshSpec spec, String host, String port, String reason, Integer exit, String out) {
        String hint;
        if (reason.startsWith("Connection refused")) {
            hint = "nothing listens there: is sshd running, and are host and port right?";
        } else if (reason.startsWith("Connection timed out") || reason.startsWith("Operation timed out")) {
            hint = "no answer within ssh's connect timeout ("
                    + OpenSshCommand.sshConnectTimeoutSeconds(
                            spec.connectTimeout().toMillis())
                    + " s): the host is down, or a firewall drops the packets";
        } else if (reason.startsWith("No route to host") || reason.startsWith("Network is unreachable")) {
            hint = "the network path is missing (routing, VPN, firewall)";
        } else {
            hint = "check host, port and network";
        }
        return new SshConnectException(
                "could not connect to " + host + " port " + port + ": " + reason + "; " + hint, exit, out);
    }

    static SshConnectException unresolved(String host, String reason, Integer exit, String out) {
        return new SshConnectException(
                "could not resolve the host name " + host + " (" + reason + "): check the"
                        + " name, DNS, or a Host alias in the ssh configuration",
                exit,
                out);
    }

    static String knownHostsName(SshSpec spec) {
        return spec.knownHostsFile() != null ? spec.knownHostsFile() : "~/.ssh/known_hosts";
    }

    private static String knownHostsOption(SshSpec spec) {
        return spec.knownHostsFile() != null ? " -f '" + spec.knownHostsFile() + "'" : "";
    }

    private static String portOption(SshSpec spec) {
        return spec.port() != SshSpec.PORT_UNSET ? " -p " + spec.port() : "";
    }
}
