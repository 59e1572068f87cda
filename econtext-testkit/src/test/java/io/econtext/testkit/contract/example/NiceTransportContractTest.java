package io.econtext.testkit.contract.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.contract.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of the testkit's documentation: a new transport passes the contract by extending
 * {@link TransportContract} and saying how to reach a child. Plus one test of what is special about it.
 */
class NiceTransportContractTest extends TransportContract {
    @Override
    protected ConnectionSpec spec(Context via) {
        return NiceSpec.of(5).via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((NiceSpec) spec).firstStageDirs(List.of(dir.toString()));
    }

    @Test
    void theChildRunsAtTheNicenessAsked() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(NiceSpec.of(7));
            int nice = c.call(() -> {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                // fields after "(comm) ": state is 3rd, nice is the 19th
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Integer.parseInt(f[16]);
            });
            assertThat(nice).isEqualTo(7);
        }
    }
}
