package io.econtext.transport.ssh;

import io.econtext.BootstrapException;

/**
 * No ssh connection could be made: the name does not resolve, nothing listens on the port, the host is unreachable,
 * or the server hung up before the ssh handshake. Nothing was sent to the host.
 *
 * <pre>{@code
 * for (String host : hosts) {
 *   try {
 *     contexts.add(router.connect(Ssh.to(host)));
 *   } catch (SshConnectException e) {
 *     unreachable.add(host);          // carry on with the other hosts
 *   }
 * }
 * }</pre>
 */
public class SshConnectException extends BootstrapException {
    private static final long serialVersionUID = 1L;

    public SshConnectException(String message, Integer exitStatus, String outputTail) {
        super(message, exitStatus, outputTail);
    }
}
