package io.econtext.testkit.ssh;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.transport.ssh.SshClientKind;
import io.econtext.transport.ssh.SshSpec;

/**
 * The ssh transport with the embedded client (Apache MINA SSHD in the master) keeps the transport contract against the
 * testkit's embedded MINA SSHD server too: MINA on both ends of the first hop. Hops below the master run OpenSSH (the
 * embedded client runs only in the master).
 */
class EmbeddedClientOnEmbeddedServerContractTest extends EmbeddedSshContractTest {
    @Override
    protected ConnectionSpec spec(Context via) {
        SshSpec spec = (SshSpec) super.spec(via);
        return via == null ? spec.client(SshClientKind.EMBEDDED) : spec;
    }
}
