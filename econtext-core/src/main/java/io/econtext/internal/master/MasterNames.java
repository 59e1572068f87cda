package io.econtext.internal.master;

import io.econtext.internal.call.CallClient;
import io.econtext.internal.call.RemoteContext;
import io.econtext.internal.router.LossReason;
import java.util.Map;
import java.util.Set;

/**
 * The names of the master's contexts, and losses told with them. Routers below the master know ids only: a loss comes
 * up as "context 1 saw its stream to them close", and the master, which knows every context's name and parent, says
 * what that means for each lost context:
 *
 * <pre>
 *  master ── near (1) ── middle (2) ── far (3)        kill -9 middle: near's stream to middle ends
 *
 *  context 'middle' disconnected: 'near' (id 1) reported the stream to it closed: end of stream
 *  context 'far' disconnected: its parent 'middle' (id 2) is gone: 'near' (id 1) reported the stream to 'middle'
 *      closed: end of stream
 * </pre>
 *
 * <p>Threads: any; reads the router's concurrent maps.
 */
final class MasterNames implements CallClient.ContextNames {
    private final Map<Integer, RemoteContext> contexts;
    private final Map<Integer, Integer> parents;

    MasterNames(Map<Integer, RemoteContext> contexts, Map<Integer, Integer> parents) {
        this.contexts = contexts;
        this.parents = parents;
    }

    @Override
    public String nameOf(int id) {
        RemoteContext c = contexts.get(id);
        return c != null ? c.name() : id == 0 ? "master" : "context " + id;
    }

    /** {@code 'middle' (id 2)}, or {@code context 7} for a context the master did not boot. */
    String describe(int id) {
        RemoteContext c = contexts.get(id);
        return c != null ? "'" + c.name() + "' (id " + id + ")" : id == 0 ? "the master" : "context " + id;
    }

    @Override
    public LossReason lossOf(int id, Set<Integer> lost, LossReason reason) {
        if (reason.isUnresponsive() || reason.noticerId() < 0) {
            return reason; // an unresponsive context is named by its own exception; a bare text has no ids to name
        }
        int root = id;
        Integer up = parents.get(root);
        while (up != null && lost.contains(up)) {
            root = up;
            up = parents.get(root);
        }
        String seen = reason.noticerId() == 0
                ? "the stream to " + (root == id ? "it" : "'" + nameOf(root) + "'") + " closed: " + reason.cause()
                : describe(reason.noticerId()) + " reported the stream to "
                        + (root == id ? "it" : "'" + nameOf(root) + "'") + " closed: " + reason.cause();
        if (root == id) {
            return reason.withText(seen);
        }
        Integer parent = parents.get(id);
        String kin = parent != null && parent == root ? "its parent " : "its ancestor ";
        return reason.withText(kin + describe(root) + " is gone: " + seen);
    }
}
