package io.econtext.testkit.fleet;

/**
 * For code that runs in a context of a {@link SimulatedFleet}: which virtual host it runs on. Every context of the fleet
 * shares one JVM (and so its system properties and environment), but the server starts each context's first thread in
 * a thread group named after the virtual host, and every thread the runtime starts inherits it.
 *
 * <pre>{@code
 * String host = context.call(SimulatedHost::name);   // "host-0007"
 * }</pre>
 */
public final class SimulatedHost {
    /** The parent of every virtual host's thread group in the server JVM. */
    static final String FLEET_GROUP = "econtext-simulated-fleet";

    private SimulatedHost() {}

    /**
     * The name of the virtual host the calling thread belongs to (its login name, e.g. {@code "host-0007"}).
     *
     * @throws IllegalStateException when the calling code does not run in a simulated fleet's context
     */
    public static String name() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g != null && g.getParent() != null) {
            if (FLEET_GROUP.equals(g.getParent().getName())) {
                return g.getName();
            }
            g = g.getParent();
        }
        throw new IllegalStateException("not in a context of a simulated fleet (thread "
                + Thread.currentThread().getName() + ")");
    }
}
