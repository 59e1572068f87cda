package io.econtext.testkit.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link SimulatedFleet} parameters for {@link SimulatedFleetTest}: the fleet lives in the store of the
 * nearest test method or class that carries the annotation, which closes it (stopping the server JVM) when that method
 * or class is done.
 */
public final class SimulatedFleetExtension implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(SimulatedFleetExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SimulatedFleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext owner = context;
        while (annotation(owner).isEmpty()) {
            owner = owner.getParent()
                    .orElseThrow(() -> new IllegalStateException("a SimulatedFleet parameter needs @SimulatedFleetTest"
                            + " on its test method or class (expected: e.g. @SimulatedFleetTest(hosts = 20))"));
        }
        SimulatedFleetTest a = annotation(owner).orElseThrow();
        // keyed by the owner: a store's lookup falls through to its parents', which may hold the class's fleet
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(owner.getUniqueId(), k -> start(a), SimulatedFleet.class);
    }

    private static Optional<SimulatedFleetTest> annotation(ExtensionContext context) {
        return context.getElement().map(e -> find(e));
    }

    private static SimulatedFleetTest find(AnnotatedElement e) {
        SimulatedFleetTest a = e.getAnnotation(SimulatedFleetTest.class);
        if (a != null) {
            return a;
        }
        for (var meta : e.getAnnotations()) {
            SimulatedFleetTest m = meta.annotationType().getAnnotation(SimulatedFleetTest.class);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** The options an annotation describes. */
    static SimulatedFleetOptions options(SimulatedFleetTest a) {
        SimulatedFleetOptions o = SimulatedFleetOptions.hosts(a.hosts());
        for (String f : a.faults()) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "faults : '" + f + "' (expected: HOST=FAULT, e.g. host-0003=refuse)");
            }
            o = o.fault(f.substring(0, eq).trim(), FleetFault.parse(f.substring(eq + 1)));
        }
        FleetFault[] kinds = new FleetFault[a.faultKinds().length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = FleetFault.parse(a.faultKinds()[i]);
        }
        return a.faultPercent() == 0 && kinds.length == 0 ? o : o.randomFaults(a.faultPercent(), a.seed(), kinds);
    }

    private static SimulatedFleet start(SimulatedFleetTest a) {
        try {
            return SimulatedFleet.start(options(a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
