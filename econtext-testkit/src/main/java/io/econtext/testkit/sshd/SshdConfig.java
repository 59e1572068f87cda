package io.econtext.testkit.sshd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sshd_config of one fixture: loopback only, its own host key and PID file, public keys (and passwords when
 * asked), test users only.
 *
 * @param perSourcePenalties whether to write {@code PerSourcePenalties no}: OpenSSH 9.8+ would otherwise refuse
 *     127.0.0.1 for a while after the failed logins and killed sessions that tests cause on purpose; older versions
 *     reject the keyword
 */
record SshdConfig(int port, Path hostKey, Path pidFile, boolean passwords, boolean perSourcePenalties) {
    static final String HOST = "127.0.0.1";

    SshdConfig withPerSourcePenalties(boolean penalties) {
        return new SshdConfig(port, hostKey, pidFile, passwords, penalties);
    }

    String render() {
        List<String> lines = new ArrayList<>(List.of(
                "# written by econtext-testkit's SshdFixture",
                "Port " + port,
                "ListenAddress " + HOST,
                "HostKey \"" + hostKey + "\"",
                "PidFile \"" + pidFile + "\"",
                // no PAM: no session modules, no MOTD, no system environment files; accounts must not be locked
                "UsePAM no",
                "StrictModes no",
                "AllowUsers " + TestUsers.NAME_PREFIX + "*",
                "PermitRootLogin no",
                "AuthorizedKeysFile .ssh/authorized_keys",
                "PubkeyAuthentication yes",
                "PasswordAuthentication " + (passwords ? "yes" : "no"),
                "KbdInteractiveAuthentication no",
                // lets an authorized_keys line set PATH (a test user's session PATH), nothing else
                "PermitUserEnvironment PATH",
                "PrintMotd no",
                "Subsystem sftp /usr/lib/openssh/sftp-server",
                "LogLevel VERBOSE",
                // tests open many connections at once (fan-out, parallel boots)
                "MaxStartups 100:30:200",
                "MaxSessions 50"));
        if (perSourcePenalties) {
            lines.add("PerSourcePenalties no");
        }
        return String.join("\n", lines) + "\n";
    }
}
