package io.econtext.testkit.contract.example;

import io.econtext.spi.BootCommand;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.util.List;

/**
 * The example transport of the testkit's documentation: runs the core's boot script under {@code nice}, so children
 * yield the CPU to everything else. Everything a transport must do is start {@code /bin/sh -c SCRIPT} somewhere with
 * its stdio connected; the core does the rest. JDK-only with a public no-argument constructor, because an intermediate
 * context loads it by name to boot its own children.
 */
public final class NiceTransport implements Transport<NiceSpec> {
    @Override
    public String scheme() {
        return NiceSpec.SCHEME;
    }

    @Override
    public Class<NiceSpec> specType() {
        return NiceSpec.class;
    }

    @Override
    public TransportProcess start(NiceSpec spec, BootCommand command) throws IOException {
        return ProcessTransportProcess.start(
                List.of("nice", "-n", Integer.toString(spec.niceness()), "/bin/sh", "-c", command.script()),
                command.environment());
    }
}
