package io.econtext.transport.ssh;

import io.econtext.BootstrapException;

/**
 * The spec asked for an ssh client that the booting context cannot run: {@link SshClientKind#EMBEDDED} anywhere but
 * in the master (a child runtime is JDK-only and never loads Apache MINA SSHD). Nothing was sent to the host.
 *
 * <pre>{@code
 * router.connect(Ssh.to("app1").via(bastion).client(SshClientKind.OPENSSH));   // ssh runs on the bastion
 * }</pre>
 */
public class SshClientUnavailableException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public SshClientUnavailableException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
