package io.econtext.transport.sudo;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.testkit.contract.TransportContract;
import io.econtext.testkit.sudo.SudoFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sudo transport keeps the transport contract with the machine's real sudo: every hop becomes the same test user,
 * which may sudo to itself (the second hop of the nesting case).
 */
class SudoTransportContractTest extends TransportContract {
    private static final String USER = "ectestsudocontract";
    private static SudoFixture sudo;

    @BeforeAll
    static void setUp() throws Exception {
        sudo = SudoFixture.start();
        sudo.user(USER);
        sudo.allow(USER + " ALL=(" + USER + ") NOPASSWD: ALL");
    }

    @AfterAll
    static void tearDown() {
        if (sudo != null) {
            sudo.close();
        }
    }

    @Override
    protected ConnectionSpec spec(Context via) {
        return Sudo.user(USER).javaPath(SudoTransportTest.JAVA).via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((SudoSpec) spec).firstStageDirs(List.of(dir.toString()));
    }
}
