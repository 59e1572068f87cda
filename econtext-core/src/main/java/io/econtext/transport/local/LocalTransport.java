package io.econtext.transport.local;

import io.econtext.spi.BootCommand;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Runs the boot script under {@code /bin/sh} on this machine. JDK-only: intermediate contexts run it too. */
public final class LocalTransport implements Transport<LocalSpec> {
    @Override
    public String scheme() {
        return Local.SCHEME;
    }

    @Override
    public Class<LocalSpec> specType() {
        return LocalSpec.class;
    }

    @Override
    public TransportProcess start(LocalSpec spec, BootCommand command) throws IOException {
        Map<String, String> env = command.environment();
        return ProcessTransportProcess.start(List.of("/bin/sh", "-c", command.script()), env);
    }
}
