package io.econtext.transport.sudo;

import com.google.inject.AbstractModule;
import io.econtext.core.EcontextPlugin;
import io.econtext.core.Transports;

/**
 * Adds the sudo transport ({@code sudo}) to the master. Listed in {@code META-INF/services}, so having this jar on the
 * class path is all it takes:
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {       // finds this module
 *   Context root = router.connect(Sudo.root().password(secret));
 * }
 * }</pre>
 *
 * <p>Master-side wiring only: intermediate contexts load {@link SudoTransport} itself, never this module.
 */
public final class SudoTransportModule extends AbstractModule implements EcontextPlugin {
    @Override
    protected void configure() {
        Transports.bind(binder()).addBinding(Sudo.SCHEME).to(SudoTransport.class);
    }
}
