package io.econtext.bench;

import io.econtext.spi.BootCommand;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Shell;
import io.econtext.spi.TransportProcess;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;
import io.econtext.transport.ssh.SshTransport;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A program a baseline runs from this JVM ({@link SshPipes}): a local one ({@code cat}), or a bare ssh session that
 * the ssh transport starts itself, through its SPI, with a plain command where a boot has the boot script. So the
 * baseline has exactly a boot's ssh command line, options, login and remote shell, and nothing of econtext's:
 *
 * <pre>
 * ssh OPTIONS-OF-THE-SPEC HOST -- 'exec sh -c '\''COMMAND'\'''     (a boot: ... sh -c '\''BOOT-SCRIPT'\''')
 * </pre>
 */
final class BareCommand {
    private final String shown;
    private final Start start;

    private BareCommand(String shown, Start start) {
        this.shown = shown;
        this.start = start;
    }

    /** {@code argv} run here, with this JVM's environment. */
    static BareCommand local(List<String> argv) {
        return new BareCommand(String.join(" ", argv), () -> ProcessTransportProcess.start(argv, Map.of()));
    }

    /**
     * {@code command} run by {@code sh -c} on {@code spec}'s host, through an OpenSSH session started as a boot's is
     * (also when {@code spec} names the embedded client: a bare {@code ssh} is the baseline).
     */
    static BareCommand overSsh(SshSpec spec, String command) {
        if (spec.password() != null) {
            throw new IllegalArgumentException("the ssh baselines need key or agent logins (BatchMode=yes);"
                    + " a password hop cannot be compared side by side");
        }
        SshSpec openssh = spec.client(SshClientKind.OPENSSH);
        SshTransport ssh = new SshTransport();
        BootCommand bare = new BootCommand(command, Map.of());
        return new BareCommand(
                "ssh ... " + spec.host() + " -- exec sh -c " + Shell.quote(command), () -> ssh.start(openssh, bare));
    }

    /** Starts it, with its three streams piped to this JVM. */
    TransportProcess start() throws IOException {
        return start.start();
    }

    /** The command line as a report shows it. */
    @Override
    public String toString() {
        return shown;
    }

    private interface Start {
        TransportProcess start() throws IOException;
    }
}
