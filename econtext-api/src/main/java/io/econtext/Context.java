package io.econtext;

import java.util.concurrent.CompletableFuture;

/**
 * A handle on a JVM in the tree: the master itself (id 0) or a child reached through one or more hops.
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *   Context a = router.connect(Local.spec());
 *   Context b = router.connect(Local.spec().via(a));
 *   String host = b.call(Probes::hostname);
 * }
 * }</pre>
 */
public interface Context extends Caller {
    /** The id routing uses; 0 is the master. */
    int id();

    /**
     * The router this context belongs to, e.g. to make a {@link Receiver} for values the context will send. Only in the
     * master: a context that a child booted for its own calls has none ({@link IllegalStateException}).
     */
    Router router();

    /** A name for people and logs, e.g. {@code local-3}. Also shown in the child's {@code ps} line. */
    String name();

    /** What the context said about itself when it booted: pid, user, host, Java version. */
    ContextInfo info();

    /**
     * What passed between the master and this context so far: frames and bytes each way, calls made and failed,
     * classes and resources served to it, the median round trip of recent calls; see {@link ContextStats} for how each
     * is counted. Cheap: reads counters, sends nothing. A context that keeps no counts (a test stub) reports {@link
     * ContextStats#NONE}.
     */
    default ContextStats stats() {
        return ContextStats.NONE;
    }

    /** Calls made through the returned caller use {@code options}. */
    Caller with(CallOptions options);

    /** False once the context is known to be gone. */
    boolean isAlive();

    /** Completes when the context is gone, with the reason as a {@link ContextDisconnectedException}. */
    CompletableFuture<ContextDisconnectedException> onDisconnect();

    /**
     * Shuts the context and its descendants down and waits (bounded) until they are gone. Idempotent.
     * Pending calls to them fail with {@link ContextDisconnectedException}.
     */
    void shutdown();
}
