package io.econtext.transport.ssh;

import io.econtext.ConnectionSpec;
import io.econtext.Context;

/**
 * The ssh transport with the embedded client (Apache MINA SSHD in the master, no {@code ssh} process) keeps the
 * transport contract against the same real OpenSSH sshd as {@link SshTransportContractTest}. Hops below the master
 * use OpenSSH: the embedded client runs only in the master.
 */
class EmbeddedClientContractTest extends SshTransportContractTest {
    @Override
    protected ConnectionSpec spec(Context via) {
        SshSpec spec = (SshSpec) super.spec(via);
        return via == null ? spec.client(SshClientKind.EMBEDDED) : spec;
    }
}
