package io.econtext.testkit.ssh;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.testkit.contract.TransportContract;
import io.econtext.testkit.sshd.EmbeddedSshServer;
import io.econtext.transport.ssh.SshSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The ssh transport keeps the transport contract against the testkit's embedded (MINA SSHD) server, which runs every
 * hop's commands as this JVM's user: the second hop's ssh reads the same key and known_hosts files.
 */
class EmbeddedSshContractTest extends TransportContract {
    private static EmbeddedSshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedSshServer.start("ectestembedded");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ConnectionSpec spec(Context via) {
        return EmbeddedSshSpecs.to(server).via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((SshSpec) spec).firstStageDirs(List.of(dir.toString()));
    }
}
