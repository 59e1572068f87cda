package io.econtext.transport.ssh;

import io.econtext.spi.Askpass;
import io.econtext.spi.BootCommand;
import io.econtext.spi.InheritedEnvironment;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Boots a child over the system's OpenSSH client: runs {@code ssh ... HOST -- 'exec sh -c SCRIPT'} (see
 * {@link OpenSshCommand} for the whole command line) with its stdio connected to the core, so {@code ~/.ssh/config},
 * agents, {@code ProxyJump} and {@code ControlMaster} apply as they do for the user's own ssh. Key logins run in
 * {@code BatchMode}: ssh never waits at a prompt. A password is answered once through {@code SSH_ASKPASS} with
 * {@code SSH_ASKPASS_REQUIRE=force} (see {@link Askpass}; needs OpenSSH 8.4 or newer on the booting host).
 *
 * <pre>{@code
 * Context app = router.connect(Ssh.to("app1").user("deploy"));   // found by scheme "ssh"
 * }</pre>
 *
 * <p>Failures become typed exceptions that say what to do: {@link SshAuthenticationException},
 * {@link SshPasswordRequiredException}, {@link SshHostKeyException} (with the fingerprint), {@link SshConnectException};
 * a missing remote {@code java} is reported by the core as {@link io.econtext.JavaNotFoundException}.
 *
 * <p>JDK-only, stateless and thread-safe: intermediate contexts load it by name and run it to boot their own
 * children. {@link #start} runs on a thread that may block.
 */
public final class SshTransport implements Transport<SshSpec> {
    /**
     * The askpass helper's first lines: prompts that are not for the login password (a key's passphrase, a PIN, a
     * yes/no question) are refused, so the password is only ever typed into the server's prompt.
     */
    private static final String REFUSE_OTHER_QUESTIONS = "case \"$1\" in *passphrase*|*PIN*|*yes/no*) exit 1 ;; esac";

    @Override
    public String scheme() {
        return Ssh.SCHEME;
    }

    @Override
    public Class<SshSpec> specType() {
        return SshSpec.class;
    }

    @Override
    public TransportProcess start(SshSpec spec, BootCommand command) throws IOException {
        List<String> argv = OpenSshCommand.argv(spec, command.script(), command.environment());
        try {
            if (spec.password() == null) {
                return ProcessTransportProcess.start(argv, Map.of());
            }
            Askpass askpass = Askpass.start(
                    spec.password(),
                    REFUSE_OTHER_QUESTIONS,
                    "econtext-askpass-" + (spec.name() != null ? spec.name() : spec.host()));
            try {
                ProcessBuilder pb = InheritedEnvironment.processBuilder(argv);
                pb.environment().put("SSH_ASKPASS", askpass.program().toString());
                pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
                return new PasswordSshProcess(pb.start(), askpass);
            } catch (IOException | RuntimeException e) {
                askpass.close();
                throw e;
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Cannot run program")) {
                throw new IOException(
                        "cannot run the OpenSSH client '" + spec.sshPath() + "' (" + e.getMessage()
                                + "): install openssh-client, or set sshPath",
                        e);
            }
            throw e;
        }
    }

    @Override
    public RuntimeException diagnose(SshSpec spec, Integer exitStatus, String output) {
        return OpenSshDiagnosis.diagnose(spec, exitStatus, output, OpenSshDiagnosis.VERBOSE_SSH);
    }
}
