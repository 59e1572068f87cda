package io.econtext.testkit.contract;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import java.nio.file.Path;
import java.util.List;

/** The local transport keeps the transport contract. */
class LocalTransportContractTest extends TransportContract {
    @Override
    protected ConnectionSpec spec(Context via) {
        return Local.spec().via(via);
    }

    @Override
    protected ConnectionSpec withFirstStageDir(ConnectionSpec spec, Path dir) {
        return ((LocalSpec) spec).firstStageDirs(List.of(dir.toString()));
    }
}
