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
 * The ssh transport keeps the transport contract against a real OpenSSH sshd on loopback. Every hop logs in as the
 * same test user, whose key lies in its own home: the second hop's ssh runs as that user and can read it.
 */
class SshTransportContractTest extends TransportContract {
    private static SshdFixture sshd;
    private static TestUser user;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdFixture.start();
        user = sshd.user("ectestcontract");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    protected ConnectionSpec spec(Context via) {
        return SshTestSpecs.as(sshd, user).via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((SshSpec) spec).firstStageDirs(List.of(dir.toString()));
    }
}
