package io.econtext.transport.ssh;

import io.econtext.BootstrapException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns what the embedded client saw when a boot failed into the same typed exceptions, with the same messages, as
 * the OpenSSH path ({@link SshFailures}). The output tail of these exceptions is the client's own account (exception
 * classes and messages of Apache MINA SSHD), never a secret.
 *
 * <p>Stateless; runs on the booting thread.
 */
final class EmbeddedSshDiagnosis {
    private EmbeddedSshDiagnosis() {}

    /** The TCP connect (or the name lookup before it) failed, or did not end within the budget. */
    static RuntimeException connectFailure(SshSpec spec, ConnectAttempt attempt, Exception e) {
        boolean tcp = find(
                        e,
                        ConnectException.class,
                        NoRouteToHostException.class,
                        UnknownHostException.class,
                        UnresolvedAddressException.class)
                != null;
        SshHop jump = attempt.failedJump(tcp);
        if (jump != null) {
            return jumpFailure(spec, attempt, jump, tcp, e);
        }
        String port = Integer.toString(spec.port() == SshSpec.PORT_UNSET ? 22 : spec.port());
        String out = account(e);
        Throwable c = find(e, UnknownHostException.class, UnresolvedAddressException.class);
        if (c != null) {
            return SshFailures.unresolved(spec.host(), "Name or service not known", null, out);
        }
        if (find(e, ConnectException.class) != null) {
            return SshFailures.connectFailed(spec, spec.host(), port, "Connection refused", null, out);
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return SshFailures.connectFailed(spec, spec.host(), port, "No route to host", null, out);
        }
        if (timedOut(e)) {
            // MINA's connect ends once the server has greeted: the TCP connect or the greeting took too long
            return handshakeTimeout(spec, out);
        }
        return new SshConnectException(
                "could not connect to " + spec.host() + " port " + port + " with the embedded ssh client: " + out,
                null,
                out);
    }

    /**
     * A connect through {@code ProxyJump} failed at {@code jump}: not reachable, its host key refused, or none of the
     * keys accepted there. Each typed exception names the jump host. MINA logs in to jump hosts with keys only.
     */
    private static RuntimeException jumpFailure(
            SshSpec spec, ConnectAttempt attempt, SshHop jump, boolean tcp, Exception e) {
        String out = account(e);
        String who = jump.describeJump() + " on the way to " + spec.host();
        if (tcp) {
            Throwable c = find(e, UnknownHostException.class, UnresolvedAddressException.class);
            String reason = c != null
                    ? "Name or service not known"
                    : find(e, NoRouteToHostException.class) != null ? "No route to host" : "Connection refused";
            return SshFailures.connectFailed(spec, who, Integer.toString(jump.port()), reason, null, out);
        }
        if (attempt.keyChanged) {
            return SshFailures.hostKeyChanged(
                    spec, who, jump.knownHostsName(), attempt.keyType, attempt.fingerprint, null, out);
        }
        if (attempt.keyUnknownRefused) {
            String scan = (jump.port() == 22 ? "" : " -p " + jump.port()) + " " + jump.hostName();
            return SshFailures.hostKeyUnknown(spec, who, scan, attempt.presentedKey, attempt.fingerprint, null, out);
        }
        if (timedOut(e)) {
            return new SshConnectException(who + " did not finish the ssh handshake and login in time", null, out);
        }
        if (attempt.presentedKey != null) { // its key was accepted, the login was not
            String accepts = attempt.serverMethods.isEmpty()
                    ? ""
                    : " (the server accepts: " + String.join(", ", attempt.serverMethods) + ")";
            String keys = spec.identityFile() != null
                    ? "identityFile " + spec.identityFile()
                    : "the keys of the ssh agent and configuration";
            return new SshAuthenticationException(
                    who + " accepted none of the keys offered" + accepts + ": the embedded client logs in to jump"
                            + " hosts with keys only (" + keys + ", and the IdentityFile of the jump host's entry);"
                            + " authorize one in ~/.ssh/authorized_keys of " + jump.user() + " there",
                    null,
                    out,
                    attempt.serverMethods,
                    false);
        }
        return new SshConnectException(who + " failed (" + out + ")", null, out);
    }

    /** The configuration file the spec names cannot be read. */
    static RuntimeException configFileUnreadable(SshSpec spec) {
        return new SshConnectException(
                "cannot read configFile " + spec.configFile() + ": give the path of a readable ssh configuration file"
                        + " on this machine, or configFile(null) for ~/.ssh/config",
                null,
                "");
    }

    /** The key exchange or the login failed: the host key was refused, or no login was accepted. */
    static RuntimeException loginFailure(SshSpec spec, ConnectAttempt attempt, Exception e) {
        String out = account(e);
        String host = spec.destination();
        SshHop last = attempt.lastJumpIfHostUnseen();
        if (last != null) {
            SshHop target = attempt.route.get(attempt.route.size() - 1);
            return new SshConnectException(
                    last.describeJump() + " could not open a connection to " + target.hostName() + " port "
                            + target.port() + " for " + spec.host() + " (" + out + "): is sshd running there, and does"
                            + " the jump host allow forwarding to it (AllowTcpForwarding, PermitOpen)?",
                    null,
                    out);
        }
        if (attempt.keyChanged) {
            return SshFailures.hostKeyChanged(spec, host, attempt.keyType, attempt.fingerprint, null, out);
        }
        if (attempt.keyUnknownRefused) {
            return SshFailures.hostKeyUnknown(spec, host, attempt.presentedKey, attempt.fingerprint, null, out);
        }
        if (attempt.presentedKey == null) {
            if (timedOut(e)) {
                return handshakeTimeout(spec, out);
            }
            return new SshConnectException(
                    host + " closed the connection before logging in (" + out + "): sshd may refuse this client"
                            + " (AllowUsers, MaxStartups when overloaded), or no key exchange both sides support",
                    null,
                    out);
        }
        if (timedOut(e)) {
            return new SshConnectException(
                    host + " did not answer the login within the connect timeout: is it overloaded?", null, out);
        }
        return SshFailures.loginRefused(spec, host, attempt.serverMethods, spec.password() != null, "", null, out);
    }

    private static SshConnectException handshakeTimeout(SshSpec spec, String out) {
        return new SshConnectException(
                spec.destination() + " did not finish the ssh handshake in time (connect timeout "
                        + OpenSshCommand.sshConnectTimeoutSeconds(
                                spec.connectTimeout().toMillis())
                        + " s): the host is down, a firewall drops the packets, or what listens there is no ssh server"
                        + " or is overloaded",
                null,
                out);
    }

    /** Logged in, but the exec channel could not be opened. */
    static RuntimeException channelFailure(SshSpec spec, Exception e) {
        String out = account(e);
        return new BootstrapException(
                spec.destination() + " refused to run the boot command on a session channel (" + out
                        + "): does sshd allow sessions (ForceCommand, MaxSessions)?",
                null,
                out);
    }

    /** The named identity file could not be read or decrypted. */
    static RuntimeException identityFailure(SshSpec spec, Path file, Exception e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = what.toLowerCase(Locale.ROOT);
        String hint;
        if (spec.identityPassphrase() == null
                && (lower.contains("password") || lower.contains("passphrase") || lower.contains("encrypt"))) {
            hint = "it is encrypted: give its passphrase with identityPassphrase(Secret)";
        } else if (spec.identityPassphrase() != null) {
            hint = "check the file and identityPassphrase";
        } else {
            hint = "check that it is a readable OpenSSH or PEM private key (ed25519, ecdsa or rsa)";
        }
        String out = e.getClass().getSimpleName() + ": " + what;
        return new SshAuthenticationException(
                "cannot use identityFile " + file + " (" + out + "): " + hint, null, out, List.of(), false);
    }

    private static boolean timedOut(Throwable e) {
        if (find(e, SocketTimeoutException.class, InterruptedByTimeoutException.class) != null) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** {@code SshException: Session is closed} and its causes, as one line. */
    private static String account(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
        }
        return b.toString();
    }
}
