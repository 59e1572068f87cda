package io.econtext.cli.bench;

import io.econtext.transport.ssh.SshSpec;
import io.econtext.transport.ssh.SshTransport;
import java.util.List;

/**
 * The OpenSSH command lines of the ssh baselines: the ssh transport's own options for a {@link SshSpec}, then the host
 * and a plain remote command instead of the boot script.
 */
final class SshArgv {
    private SshArgv() {}

    /** {@code ssh OPTIONS HOST -- COMMAND}, with the options the transport would pass for {@code spec}. */
    static List<String> command(SshSpec spec, String command) {
        if (spec.password() != null) {
            throw new IllegalArgumentException("the ssh baselines need key or agent logins (BatchMode=yes);"
                    + " a password hop cannot be compared side by side");
        }
        return SshTransport.commandLine(spec, command);
    }
}
