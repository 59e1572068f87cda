package io.econtext;

/**
 * Who a context is: what code running in it learns from {@link Here#identity()}.
 *
 * <pre>{@code
 * String where = far.call(() -> {
 *   ContextIdentity me = Here.identity();
 *   return me.name() + " at depth " + me.depth() + ", child of " + me.parentName();  // "far at depth 2, child of middle"
 * });
 * }</pre>
 *
 * @param id the id routing uses ({@link Context#id()}); 0 in the master
 * @param name the context's name ({@link Context#name()}); {@code master} in the master
 * @param depth hops from the master: 0 in the master, 1 in a context the master booted, 2 in one booted through it
 * @param parentId the id of the context that booted this one, or -1 in the master
 * @param parentName the name of that context ({@code master} for a context the master booted), or {@code null} in the
 *     master
 */
public record ContextIdentity(int id, String name, int depth, int parentId, String parentName) {
    /** The master's identity. */
    public static final ContextIdentity MASTER = new ContextIdentity(0, "master", 0, -1, null);

    /** True in the master (the JVM that made the router), false in every context it booted. */
    public boolean isMaster() {
        return depth == 0;
    }

    @Override
    public String toString() {
        return isMaster()
                ? "master"
                : "'" + name + "' (id " + id + ", depth " + depth + ", parent '" + parentName + "' (id " + parentId
                        + "))";
    }
}
