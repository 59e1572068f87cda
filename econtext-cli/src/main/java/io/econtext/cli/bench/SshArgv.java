package io.econtext.cli.bench;

import io.econtext.transport.ssh.SshSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSSH command lines of the ssh baselines: the options the ssh transport passes for a {@link SshSpec} (the
 * transport's own builder is not public, so its option list is mirrored here, key logins only), then the host and a
 * plain remote command instead of the boot script.
 */
final class SshArgv {
    private SshArgv() {}

    /** {@code ssh OPTIONS HOST -- COMMAND}, with the options the transport would pass for {@code spec}. */
    static List<String> command(SshSpec spec, String command) {
        if (spec.password() != null) {
            throw new IllegalArgumentException("the ssh baselines need key or agent logins (BatchMode=yes);"
                    + " a password hop cannot be compared side by side");
        }
        List<String> a = new ArrayList<>(32);
        a.add(spec.sshPath());
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
            a.add(spec.identityFile().replace("%", "%%"));
        }
        if (spec.identitiesOnly()) {
            option(a, "IdentitiesOnly", "yes");
        }
        option(a, "BatchMode", "yes");
        option(a, "ConnectTimeout", Long.toString(connectTimeoutSeconds(spec.connectTimeoutMillis())));
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
                option(a, "StrictHostKeyChecking", "no");
                option(a, "UserKnownHostsFile", "/dev/null");
                option(a, "GlobalKnownHostsFile", "/dev/null");
                option(a, "LogLevel", "ERROR");
                break;
        }
        a.add("-T");
        a.addAll(spec.extraArgs());
        a.add(spec.host());
        a.add("--");
        a.add(command);
        return a;
    }

    private static void option(List<String> argv, String key, String value) {
        argv.add("-o");
        argv.add(key + "=" + value);
    }

    private static void knownHosts(List<String> argv, String file) {
        if (file != null) {
            String f = file.replace("%", "%%");
            option(argv, "UserKnownHostsFile", f.matches(".*\\s.*") ? "\"" + f + "\"" : f);
        }
    }

    /** As the transport derives it: the boot's bound less a margin, in whole seconds. */
    private static long connectTimeoutSeconds(long connectTimeoutMillis) {
        long margin = Math.min(connectTimeoutMillis / 5, 5000);
        return Math.max(1, (connectTimeoutMillis - margin) / 1000);
    }
}
