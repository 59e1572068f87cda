package io.econtext.transport.ssh;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import io.econtext.core.EcontextPlugin;
import io.econtext.core.RouterOptions;
import io.econtext.core.Transports;

/**
 * Adds the ssh transport ({@code ssh}) to the master. Listed in {@code META-INF/services}, so having this jar on the
 * class path is all it takes:
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {       // finds this module
 *   Context web = router.connect(Ssh.to("web1.example.com").user("deploy"));
 * }
 * }</pre>
 *
 * <p>Master-side wiring only: intermediate contexts load {@link SshTransport} itself, never this module. Each router
 * (injector) gets one {@link SshTransport} holding one embedded client ({@link MinaSshClient}, started on the first
 * boot with {@link SshClientKind#EMBEDDED}); the router closes it when it closes.
 */
public final class SshTransportModule extends AbstractModule implements EcontextPlugin {
    @Override
    protected void configure() {
        Provider<RouterOptions> options = getProvider(RouterOptions.class);
        Transports.bind(binder())
                .addBinding(Ssh.SCHEME)
                .toProvider(new Provider<SshTransport>() {
                    @Override
                    public SshTransport get() {
                        return new SshTransport(
                                new MinaSshClient(), options.get().setting(Ssh.DEFAULT_CLIENT));
                    }
                })
                .in(Scopes.SINGLETON);
    }
}
