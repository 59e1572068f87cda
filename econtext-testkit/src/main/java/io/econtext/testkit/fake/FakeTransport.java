package io.econtext.testkit.fake;

import io.econtext.spi.BootCommand;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;

/**
 * The {@code fake} transport: instead of running the boot script, runs the child runtime on a thread of the booting
 * JVM ({@link FakeTransportProcess}). JDK-only with a public no-argument constructor, like every transport.
 */
public final class FakeTransport implements Transport<FakeSpec> {
    @Override
    public String scheme() {
        return FakeSpec.SCHEME;
    }

    @Override
    public Class<FakeSpec> specType() {
        return FakeSpec.class;
    }

    @Override
    public TransportProcess start(FakeSpec spec, BootCommand command) throws IOException {
        return FakeTransportProcess.start(command.script());
    }
}
