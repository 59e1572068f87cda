package io.econtext;

import java.util.function.Supplier;

/**
 * Where the calling code runs: in the master, or in a context of the tree, and which. For code that runs on both
 * sides, or in several contexts, e.g. a function that logs where it ran or picks a path per host.
 *
 * <pre>{@code
 * RemoteCallable<String> where = () -> Here.isMaster() ? "here" : Here.identity().name();
 * where.call();           // "here"
 * child.call(where);      // "web-1"
 * }</pre>
 *
 * <p>In a child JVM the context's runtime answers (what it was told at boot: its id and name, its ancestors, its
 * parent's name); in any other JVM, the master's identity. Threads: any; cheap, allocates nothing.
 */
public final class Here {
    /** The runtime's answer in a child JVM; absent (null) outside one. */
    private static final Supplier<ContextIdentity> RUNTIME = runtime();

    private Here() {}

    /** The identity of the context the calling code runs in: {@link ContextIdentity#MASTER} outside a child. */
    public static ContextIdentity identity() {
        ContextIdentity here = RUNTIME != null ? RUNTIME.get() : null;
        return here != null ? here : ContextIdentity.MASTER;
    }

    /** True in the master (not in a context it booted). */
    public static boolean isMaster() {
        return identity().isMaster();
    }

    /**
     * The child runtime's identity source, when this class was loaded by one (econtext-core's child runtime is a
     * {@code Supplier} by its one constructor, as the first stage enters it); in the master it answers null.
     */
    @SuppressWarnings("unchecked")
    private static Supplier<ContextIdentity> runtime() {
        try {
            Class<?> c = Class.forName("io.econtext.internal.child.ChildIdentity", true, Here.class.getClassLoader());
            return (Supplier<ContextIdentity>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null; // econtext-core is not on this class path: no child runtime can run here
        }
    }
}
