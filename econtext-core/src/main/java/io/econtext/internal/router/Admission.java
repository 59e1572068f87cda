package io.econtext.internal.router;

import io.econtext.internal.wire.Message;

/**
 * Decides whether a message may reach a handle: its {@code src} must fit the stream it came on, and the handle's
 * {@link Policy} must admit it. Runs for every message a router delivers, on the thread that read or sent it: the
 * common cases (an answer from the context asked, a value from a context a receiver's sender was handed to) cost a
 * comparison or two and allocate nothing; only a DEAD answer from elsewhere, or a value from below a grantee, walks up
 * the {@link RouteTable}.
 *
 * <p>Threads: safe for concurrent use (reads the route table and the registrations, both safe to read).
 */
final class Admission {
    private final int id;
    private final int[] ancestors;
    private final Stream parent;
    private final RouteTable routes;

    /**
     * @param id this context's id
     * @param ancestors its ancestors, nearest first (not copied: the router's own)
     * @param parent the stream to the parent, or {@code null} for the master
     */
    Admission(int id, int[] ancestors, Stream parent, RouteTable routes) {
        this.id = id;
        this.ancestors = ancestors;
        this.parent = parent;
        this.routes = routes;
    }

    /**
     * True when {@code src} is reachable through {@code from}: a child stream speaks only for its own subtree, the
     * parent stream for everything else (never for this context or below it).
     */
    boolean sourceFits(Stream from, int src) {
        if (from == parent) {
            return src != id && routes.streamTo(src) == null;
        }
        return routes.streamTo(src) == from;
    }

    /** True when the handle's policy admits {@code m}, which arrived on {@code from} ({@code null}: sent here). */
    boolean permits(HandleTable.Registration r, Message m, Stream from) {
        switch (r.policy) {
            case ANY:
                return true;
            case FROM_ANCESTOR:
                return from != null && from == parent && isAncestor(m.src);
            case FROM_DESCENDANT:
                return from != null && from != parent;
            case FROM_CHILD:
                return from != null && from != parent && from.remoteId() == m.src;
            case NEIGHBOUR:
                return from != null && from.remoteId() == m.src;
            case EXPECTED_SOURCE:
                return m.src == r.expectedSource
                        || (m.has(Message.FLAG_DEAD) && mayReportDead(m.src, r.expectedSource, from));
            case GRANTED:
                return from == null || r.isGranted(m.src) || isBelowAGrantee(r, m.src);
            default:
                return false;
        }
    }

    /**
     * True when a DEAD answer about context {@code expected} may come from {@code src}, arriving on {@code from}
     * ({@code null}: this context): this router's own bounce, or a router on the path to {@code expected}, which is
     * where a message to it dies. The expected context itself was admitted before.
     *
     * <ul>
     *   <li>{@code expected} below: only on the child stream that leads to it, from a context between here and it
     *       (this router knows its whole subtree; the master, the whole tree).
     *   <li>{@code expected} an ancestor: only on the parent stream, from a nearer ancestor.
     *   <li>elsewhere (beside this context, or gone): only on the parent stream, the way to it; past the common
     *       ancestor this router cannot know the path. No request sideways can succeed anyway: calls, boots and
     *       fetches accept only an ancestor or a descendant.
     * </ul>
     *
     * A context that dies is also reported by DEL_ROUTE through the loss listeners, which fail the calls pending to it
     * with its name: this rule only decides who else may.
     */
    private boolean mayReportDead(int src, int expected, Stream from) {
        if (src == id) {
            return from == null;
        }
        if (from == null) {
            return false;
        }
        Stream down = routes.streamTo(expected);
        if (down != null) {
            return from == down && routes.isAncestorOf(src, expected);
        }
        if (from != parent) {
            return false;
        }
        int expectedAt = ancestorIndex(expected);
        if (expectedAt < 0) {
            return true;
        }
        int srcAt = ancestorIndex(src);
        return srcAt >= 0 && srcAt < expectedAt;
    }

    /** True when {@code src} lies below a context the handle was granted to (the grantee can speak for it anyway). */
    private boolean isBelowAGrantee(HandleTable.Registration r, int src) {
        int[] granted = r.granted();
        for (int i = 0; i < granted.length; i++) {
            if (routes.isAncestorOf(granted[i], src)) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code ctx} is among this context's ancestors (0: the parent), or -1. */
    int ancestorIndex(int ctx) {
        for (int i = 0; i < ancestors.length; i++) {
            if (ancestors[i] == ctx) {
                return i;
            }
        }
        return -1;
    }

    private boolean isAncestor(int ctx) {
        return ancestorIndex(ctx) >= 0;
    }
}
