package io.econtext.transport.ssh;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.testkit.contract.TransportContract;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The ssh transport with the embedded client (Apache MINA SSHD in the master, no {@code ssh} process) keeps the
 * transport contract against a real OpenSSH sshd on loopback. Hops below the master use OpenSSH: the embedded client
 * runs only in the master.
 */
class EmbeddedClientContractTest extends TransportContract {
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestembcontract");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    protected ConnectionSpec spec(Context via) {
        SshSpec spec = SshTestSpecs.as(sshd, user);
        return via == null ? spec.client(SshClientKind.EMBEDDED) : spec.via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((SshSpec) spec).firstStageDirs(List.of(dir.toString()));
    }
}
