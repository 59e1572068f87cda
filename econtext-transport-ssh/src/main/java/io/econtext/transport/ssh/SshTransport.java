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
 * <p>With {@link SshClientKind#EMBEDDED} the boot runs on the router's embedded client instead (Apache MINA SSHD, no
 * {@code ssh} process): the master's {@link SshTransportModule} hands it in, one per router, and the router closes it
 * with this transport. A transport without one (in a child, which loads this class by name and never MINA) fails such
 * a boot with {@link SshClientUnavailableException}.
 *
 * <p>JDK-only and thread-safe: intermediate contexts load it by name and run it to boot their own children.
 * {@link #start} runs on a thread that may block.
 */
public final class SshTransport implements Transport<SshSpec>, AutoCloseable {
    /**
     * The askpass helper's first lines: prompts that are not for the login password (a key's passphrase, a PIN, a
     * yes/no question) are refused, so the password is only ever typed into the server's prompt.
     */
    private static final String REFUSE_OTHER_QUESTIONS = "case \"$1\" in *passphrase*|*PIN*|*yes/no*) exit 1 ;; esac";

    /** The router's embedded client, or {@code null} where there is none (a child). */
    private final EmbeddedClient embedded;
    /** The client of a spec that names none ({@link Ssh#DEFAULT_CLIENT}). */
    private final SshClientKind defaultClient;

    /** The transport as a child loads it: OpenSSH only. */
    public SshTransport() {
        this(null, SshClientKind.OPENSSH);
    }

    SshTransport(EmbeddedClient embedded, SshClientKind defaultClient) {
        this.embedded = embedded;
        this.defaultClient = defaultClient;
    }

    /** The client that boots {@code spec}: its own choice, else the router's default. */
    SshClientKind clientOf(SshSpec spec) {
        return spec.client() != null ? spec.client() : defaultClient;
    }

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
        if (clientOf(spec) == SshClientKind.EMBEDDED) {
            if (!spec.extraArgs().isEmpty()) {
                throw new IllegalArgumentException(
                        "extraArgs : " + spec.extraArgs() + " for '" + spec.destination()
                                + "', which the router's default client (EMBEDDED, Ssh.DEFAULT_CLIENT) boots (expected: none;"
                                + " they are arguments of the OpenSSH client: use client(SshClientKind.OPENSSH) for this spec)");
            }
            if (embedded == null) {
                throw new SshClientUnavailableException(
                        "the embedded ssh client runs only in the master, but '" + spec.destination()
                                + "' is booted through another context: use client(SshClientKind.OPENSSH) for hops"
                                + " below the master (children stay JDK-only and run the system's ssh)",
                        null,
                        "");
            }
            return embedded.start(spec, command);
        }
        if (spec.identityPassphrase() != null) {
            throw new IllegalArgumentException("identityPassphrase : set for '" + spec.destination() + "', which the"
                    + " OpenSSH client boots (expected: client(SshClientKind.EMBEDDED); OpenSSH reads an encrypted key"
                    + " through ssh-agent)");
        }
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
        if (clientOf(spec) == SshClientKind.EMBEDDED) {
            return null; // login failures were typed by the embedded client before the command ran
        }
        return OpenSshDiagnosis.diagnose(spec, exitStatus, output, OpenSshDiagnosis.VERBOSE_SSH);
    }

    /** Stops the router's embedded client, if it ever started; called by the router when it closes. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
