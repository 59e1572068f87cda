package io.econtext.core;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.econtext.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The entry point: a master router with every transport whose jar is on the class path.
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *   Context child = router.connect(Local.spec());
 *   System.out.println(child.call(() -> System.getProperty("java.version")));
 * }
 * }</pre>
 */
public final class Econtext {
    private Econtext() {}

    public static Router newRouter() {
        return newRouter(RouterOptions.defaults());
    }

    public static Router newRouter(RouterOptions options) {
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(options));
        for (EcontextPlugin plugin : ServiceLoader.load(EcontextPlugin.class, Econtext.class.getClassLoader())) {
            modules.add(plugin);
        }
        return newRouter(modules);
    }

    /** A router from these modules; a problem with the registered transports is thrown as it is, not wrapped. */
    static Router newRouter(List<Module> modules) {
        try {
            return Guice.createInjector(modules).getInstance(Router.class);
        } catch (ProvisionException e) {
            for (Message m : e.getErrorMessages()) {
                if (m.getCause() instanceof TransportRegistrationException) {
                    throw (TransportRegistrationException) m.getCause();
                }
            }
            throw e;
        }
    }
}
