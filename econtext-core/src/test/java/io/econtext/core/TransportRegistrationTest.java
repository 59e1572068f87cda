package io.econtext.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.econtext.BootstrapException;
import io.econtext.Router;
import io.econtext.spi.BootCommand;
import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecSettings;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import io.econtext.transport.local.LocalSpec;
import io.econtext.transport.local.LocalTransport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transports are registered by class and made the way every hop makes them; the master refuses, when the router is
 * made, what would break at a later hop, and dispatches a spec by its scheme to the transport of its type.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportRegistrationTest {

    private static Router router(Module... plugins) {
        List<Module> modules = new java.util.ArrayList<>(List.of(new CoreModule(RouterOptions.defaults())));
        modules.addAll(List.of(plugins));
        return Econtext.newRouter(modules);
    }

    private static Module binding(String key, Class<? extends Transport<?>> type) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Transports.bind(binder()).addBinding(key).to(type);
            }
        };
    }

    @Test
    void aTransportWithAnInjectedConstructorIsRefusedWhenTheRouterIsMadeNotAtTheSecondHop() {
        assertThatThrownBy(() -> router(new LocalTransportModule(), binding("injected", InjectedTransport.class)))
                .isInstanceOf(TransportRegistrationException.class)
                .hasMessageStartingWith("transports cannot be registered:\n1) " + InjectedTransport.class.getName()
                        + " cannot be used: it asks for injection (@Inject on public "
                        + InjectedTransport.class.getName() + "(io.econtext.core.RouterOptions)), which only the"
                        + " master would honour: intermediate contexts make transports with their public"
                        + " no-argument constructor; put what it needs in its spec");
    }

    @Test
    void aTransportWithAnInjectedFieldIsRefusedToo() {
        assertThatThrownBy(() -> router(binding("field", FieldInjectedTransport.class)))
                .isInstanceOf(TransportRegistrationException.class)
                .hasMessageContaining(FieldInjectedTransport.class.getName() + " cannot be used: it asks for"
                        + " injection (@Inject on ");
    }

    @Test
    void aTransportBoundUnderAnotherKeyThanItsSchemeIsRefused() {
        assertThatThrownBy(() -> router(binding("locale", LocalTransport.class)))
                .isInstanceOf(TransportRegistrationException.class)
                .hasMessage("transports cannot be registered:\n1) " + LocalTransport.class.getName()
                        + " is bound under 'locale' but serves 'local' (bind it with addBinding(\"local\"))");
    }

    @Test
    void aSchemeServedTwiceIsRefusedNamingBothTransports() {
        assertThatThrownBy(() -> router(new LocalTransportModule(), binding("local", SecondLocalTransport.class)))
                .isInstanceOf(TransportRegistrationException.class)
                .satisfies(e -> assertThat(((TransportRegistrationException) e).problems())
                        .containsExactly("scheme 'local' is bound 2 times: " + LocalTransport.class.getName() + ", "
                                + SecondLocalTransport.class.getName()
                                + " (remove all but one of the modules that bind them)"));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> router(
                        new LocalTransportModule(),
                        binding("local", SecondLocalTransport.class),
                        binding("injected", InjectedTransport.class),
                        binding("Not A Scheme", NoSchemeTransport.class)))
                .isInstanceOf(TransportRegistrationException.class)
                .satisfies(e -> assertThat(((TransportRegistrationException) e).problems())
                        .hasSize(3))
                .hasMessageContaining(NoSchemeTransport.class.getName()
                        + ".scheme() : 'Not A Scheme' (expected: a lower-case URI scheme, e.g. 'ssh')");
    }

    @Test
    void aSpecWithNoTransportNamesTheModuleToAdd() {
        try (Router router = router(new LocalTransportModule())) {
            assertThatThrownBy(() -> router.connect(new SchemeSpec(SpecSettings.defaults(), "orphan")))
                    .isInstanceOf(BootstrapException.class)
                    .hasMessageStartingWith("no transport for scheme 'orphan' (registered: [local]); add the module"
                            + " that provides it, e.g. econtext-transport-orphan (the jar SchemeSpec came from: ")
                    .hasMessageEndingWith(
                            ", to the class path with its META-INF/services/io.econtext.core.EcontextPlugin entry");
        }
    }

    @Test
    void aSpecOfAnotherTypeThanItsSchemesTransportTakesIsRefusedBeforeAnythingStarts() {
        try (Router router = router(new LocalTransportModule())) {
            assertThatThrownBy(() -> router.connect(new SchemeSpec(SpecSettings.defaults(), "local")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("spec : " + SchemeSpec.class.getName() + " with scheme 'local' (expected: a "
                            + LocalSpec.class.getName() + ", the spec type of the 'local' transport "
                            + LocalTransport.class.getName() + ")");
        }
    }

    /** Would work at the first hop if Guice made it; an intermediate cannot. */
    public static final class InjectedTransport extends Unused {
        @Inject
        public InjectedTransport(RouterOptions options) {
            super("injected");
        }
    }

    public static final class FieldInjectedTransport extends Unused {
        @Inject
        RouterOptions options;

        public FieldInjectedTransport() {
            super("field");
        }
    }

    public static final class SecondLocalTransport extends Unused {
        public SecondLocalTransport() {
            super("local");
        }
    }

    public static final class NoSchemeTransport extends Unused {
        public NoSchemeTransport() {
            super("Not A Scheme");
        }
    }

    /** A transport for the checks only: nothing in these tests starts it. */
    abstract static class Unused implements Transport<LocalSpec> {
        private final String scheme;

        Unused(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public Class<LocalSpec> specType() {
            return LocalSpec.class;
        }

        @Override
        public TransportProcess start(LocalSpec spec, BootCommand command) {
            throw new AssertionError("not started in these tests");
        }
    }

    /** A spec of any scheme, of a type no transport takes. */
    record SchemeSpec(SpecSettings settings, String scheme) implements SettingsSpec<SchemeSpec> {
        @Override
        public SchemeSpec withSettings(SpecSettings settings) {
            return new SchemeSpec(settings, scheme);
        }
    }
}
