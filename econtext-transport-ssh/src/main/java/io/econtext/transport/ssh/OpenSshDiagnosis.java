package io.econtext.transport.ssh;

import io.econtext.BootstrapException;
import io.econtext.spi.InheritedEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the OpenSSH client printed before it gave up (exit status 255, or killed) and turns it into the typed exception
 * that tells the user what to do. The texts matched are OpenSSH's own (not translated); {@code Name or service not
 * known} and similar come from the C library and may be, so only the part of the line ssh writes is relied on.
 *
 * <p>An unknown host key makes ssh say only "No ED25519 host key is known", without the fingerprint; the diagnosis
 * then asks a {@link HostKeyProbe} (by default a second, verbose, non-authenticating ssh run) for it.
 *
 * <p>Threads: runs on the booting thread, after the boot failed; the probe blocks up to 10 s.
 */
final class OpenSshDiagnosis {
    /** Learns the fingerprint of the key a host presents, e.g. {@code ssh-ed25519 SHA256:...}; null if it cannot. */
    interface HostKeyProbe {
        String presentedKey(SshSpec spec);
    }

    /** ssh's exit status for its own failures (as opposed to the remote command's). */
    static final int SSH_ERROR = 255;

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]+=*");
    private static final Pattern UNKNOWN_KEY = Pattern.compile("No (\\S+) host key is known for (\\S+)");
    private static final Pattern CHANGED_FOR = Pattern.compile("Host key for (\\S+) has changed");
    private static final Pattern CHANGED_KEY = Pattern.compile(
            "The fingerprint for the (\\S+) key sent by the remote host is\\s+(SHA256:[A-Za-z0-9+/]+=*)");
    private static final Pattern DENIED = Pattern.compile("(?:(\\S+): )?Permission denied \\(([^)]*)\\)");
    private static final Pattern IDENTITY_PROBLEM = Pattern.compile(
            "(?m)^(?:Warning: Identity file .*|no such identity: .*|Load key .*|.*UNPROTECTED PRIVATE KEY FILE.*)$");
    private static final Pattern CONNECT = Pattern.compile("connect to host (\\S+) port (\\d+): ([^\\r\\n]+)");
    private static final Pattern RESOLVE = Pattern.compile("Could not resolve hostname (\\S+?):? ([^\\r\\n]+)");
    private static final Pattern PRE_HANDSHAKE = Pattern.compile(
            "kex_exchange_identification: ([^\\r\\n]+)|Connection (?:closed|reset) by (\\S+) port (\\d+)");
    private static final Pattern BAD_OPTION = Pattern.compile(
            "(?m)^(?:command-line.*|.*Bad configuration option.*|.*Unsupported option.*|.*garbage at end of line.*"
                    + "|Bad owner or permissions on .*|Can't open user config file .*)$");
    private static final Pattern SERVER_HOST_KEY = Pattern.compile("Server host key: (\\S+) (SHA256:[A-Za-z0-9+/]+=*)");

    private OpenSshDiagnosis() {}

    /** The typed exception for a failed ssh, or {@code null} when the failure was not ssh's own. */
    static RuntimeException diagnose(SshSpec spec, Integer exit, String output, HostKeyProbe probe) {
        if (output == null || exit != null && exit != SSH_ERROR && exit < 128) {
            // the remote command's own exit status: its output is not ssh's. A status of 128 and above is a signal
            // (the booter may kill ssh the moment stdout ends, before ssh's own exit), so the output decides.
            return null;
        }
        RuntimeException e = hostKey(spec, exit, output, probe);
        if (e == null) {
            e = authentication(spec, exit, output);
        }
        if (e == null) {
            e = connection(spec, exit, output);
        }
        if (e == null) {
            Matcher m = BAD_OPTION.matcher(output);
            if (m.find()) {
                e = new BootstrapException(
                        "ssh refused its configuration (\"" + m.group().strip() + "\"): check extraArgs and the ssh"
                                + " configuration of the booting user",
                        exit,
                        output);
            }
        }
        return e;
    }

    private static RuntimeException hostKey(SshSpec spec, Integer exit, String out, HostKeyProbe probe) {
        boolean changed = out.contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        Matcher changedFor = CHANGED_FOR.matcher(out);
        if (changed || changedFor.find()) {
            String host = changedFor.find(0) ? changedFor.group(1) : spec.destination();
            Matcher k = CHANGED_KEY.matcher(out);
            String type = null;
            String fp = null;
            if (k.find()) {
                type = k.group(1);
                fp = k.group(2);
            } else {
                Matcher f = FINGERPRINT.matcher(out);
                fp = f.find() ? f.group() : null;
            }
            return SshFailures.hostKeyChanged(spec, host, type, fp, exit, out);
        }
        Matcher unknown = UNKNOWN_KEY.matcher(out);
        if (unknown.find()) {
            String host = unknown.group(2);
            String presented = probe == null ? null : probe.presentedKey(spec);
            String fp = null;
            if (presented != null) {
                Matcher f = FINGERPRINT.matcher(presented);
                fp = f.find() ? f.group() : null;
            }
            String shown = presented != null ? presented : unknown.group(1) + " key, fingerprint unknown";
            return SshFailures.hostKeyUnknown(spec, host, shown, fp, exit, out);
        }
        if (out.contains("Host key verification failed")) {
            return new SshHostKeyException(
                    "the host key of " + spec.destination() + " could not be verified: check "
                            + SshFailures.knownHostsName(spec)
                            + " and hostKeyPolicy",
                    exit,
                    out,
                    null,
                    false);
        }
        return null;
    }

    private static RuntimeException authentication(SshSpec spec, Integer exit, String out) {
        Matcher denied = DENIED.matcher(out);
        boolean tooMany = out.contains("Too many authentication failures");
        if (!denied.find() && !tooMany) {
            return null;
        }
        boolean found = denied.find(0);
        String who = found && denied.group(1) != null ? denied.group(1) : spec.destination();
        List<String> methods = found ? Arrays.asList(denied.group(2).split(",")) : List.of();
        if (tooMany) {
            return SshFailures.tooManyLogins(who, methods, exit, out);
        }
        return SshFailures.loginRefused(spec, who, methods, spec.password() != null, identityHint(out), exit, out);
    }

    private static String identityHint(String out) {
        Matcher m = IDENTITY_PROBLEM.matcher(out);
        return m.find() ? "; ssh could not use a key: \"" + m.group().strip() + "\"" : "";
    }

    private static RuntimeException connection(SshSpec spec, Integer exit, String out) {
        Matcher m = RESOLVE.matcher(out);
        if (m.find()) {
            return SshFailures.unresolved(m.group(1), m.group(2).strip(), exit, out);
        }
        m = CONNECT.matcher(out);
        if (m.find()) {
            return SshFailures.connectFailed(
                    spec, m.group(1), m.group(2), m.group(3).strip(), exit, out);
        }
        if (out.contains("Connection timed out during banner exchange")) {
            return new SshConnectException(
                    spec.destination() + " accepted the TCP connection but sent no ssh greeting in time: is it an"
                            + " ssh server, and is it overloaded?",
                    exit,
                    out);
        }
        m = PRE_HANDSHAKE.matcher(out);
        if (m.find()) {
            return new SshConnectException(
                    spec.destination() + " closed the connection before logging in (\""
                            + m.group().strip()
                            + "\"): sshd may refuse this client (AllowUsers, TCP wrappers, MaxStartups when"
                            + " overloaded), or a jump host failed",
                    exit,
                    out);
        }
        return null;
    }

    /** The default probe: {@code ssh -v} with strict checking, which logs the presented key and stops there. */
    static final HostKeyProbe VERBOSE_SSH = new HostKeyProbe() {
        @Override
        public String presentedKey(SshSpec spec) {
            try {
                Process p = InheritedEnvironment.processBuilder(OpenSshCommand.hostKeyProbe(spec))
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                final InputStream in = p.getInputStream();
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                Thread reader = new Thread(
                        new Runnable() {
                            @Override
                            public void run() {
                                byte[] buf = new byte[4096];
                                try {
                                    int n;
                                    while ((n = in.read(buf)) > 0) {
                                        synchronized (out) {
                                            out.write(buf, 0, n);
                                        }
                                    }
                                } catch (IOException e) {
                                    // the process is gone
                                }
                            }
                        },
                        "econtext-ssh-hostkey-probe");
                reader.setDaemon(true);
                reader.start();
                long bound = Math.min(spec.connectTimeout().toMillis(), 10_000);
                if (!p.waitFor(bound, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
                reader.join(1000);
                String text;
                synchronized (out) {
                    text = new String(out.toByteArray(), StandardCharsets.UTF_8);
                }
                Matcher m = SERVER_HOST_KEY.matcher(text);
                return m.find() ? m.group(1) + " " + m.group(2) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    };
}
