package io.econtext.internal.router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contexts below one context: for each, the child stream that leads to it and its parent. Route announcements
 * (ADD_ROUTE) carry both, so every router knows the shape of its own subtree, and the master the whole tree. That is
 * enough to tell whether one context lies on the path to another: a DEAD answer for a call must come from there
 * ({@link Policy#EXPECTED_SOURCE}), and a sender passed down from the context holding it may be used below it
 * ({@link Policy#GRANTED}).
 *
 * <pre>
 *   router 1, children 2 and 3; 2 booted 5, 5 booted 6:     context  stream  parent
 *                                                           2        -> 2    1
 *         1                                                 3        -> 3    1
 *        / \                                                5        -> 2    2
 *       2   3                                               6        -> 2    5
 *       |
 *       5        isAncestorOf(5, 6) and isAncestorOf(2, 6): yes; isAncestorOf(3, 6), isAncestorOf(1, 6): no
 *       |        (this router itself is never "between": callers handle their own context first)
 *       6
 * </pre>
 *
 * <p>Threads: safe for concurrent use; lookups do not lock (the router looks a stream up for every message it
 * forwards).
 */
final class RouteTable {
    /** Deeper than any tree of contexts; bounds a walk up the parents. */
    private static final int MAX_DEPTH = 1024;

    private final int self;
    private final Map<Integer, Stream> streams = new ConcurrentHashMap<Integer, Stream>();
    private final Map<Integer, Integer> parents = new ConcurrentHashMap<Integer, Integer>();

    RouteTable(int self) {
        this.self = self;
    }

    /** The child stream that leads to {@code contextId}, or {@code null}. */
    Stream streamTo(int contextId) {
        return streams.get(contextId);
    }

    /** The parent of {@code contextId} as announced, or -1 when it is not below this context. */
    int parentOf(int contextId) {
        Integer p = parents.get(contextId);
        return p == null ? -1 : p;
    }

    /** Records {@code contextId}, a child of {@code parentId}, as reachable through {@code via}. */
    void add(int contextId, int parentId, Stream via) {
        parents.put(contextId, parentId); // before the stream: whoever finds the route finds its parent
        streams.put(contextId, via);
    }

    /** Forgets {@code contextId} if it is reached through {@code via}; true when it was. */
    boolean remove(int contextId, Stream via) {
        if (streams.remove(contextId, via)) {
            parents.remove(contextId);
            return true;
        }
        return false;
    }

    /** Forgets every context reached through {@code via} and returns their ids. */
    Set<Integer> removeAll(Stream via) {
        Set<Integer> lost = new HashSet<Integer>();
        Iterator<Map.Entry<Integer, Stream>> it = streams.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Stream> e = it.next();
            if (e.getValue() == via) {
                lost.add(e.getKey());
                it.remove();
                parents.remove(e.getKey());
            }
        }
        return lost;
    }

    /**
     * True when {@code ancestor} lies on the path from this context down to {@code descendant}, strictly between the
     * two. No allocation; walks at most the depth of the tree.
     */
    boolean isAncestorOf(int ancestor, int descendant) {
        Integer p = parents.get(descendant);
        for (int depth = 0; p != null && p != self && depth < MAX_DEPTH; depth++) {
            if (p == ancestor) {
                return true;
            }
            p = parents.get(p);
        }
        return false;
    }

    /** The streams to the direct children. */
    List<Stream> childStreams() {
        List<Stream> out = new ArrayList<Stream>();
        for (Map.Entry<Integer, Stream> e : streams.entrySet()) {
            if (e.getValue().remoteId() == e.getKey()) { // a direct child's stream is its own route, once
                out.add(e.getValue());
            }
        }
        return out;
    }
}
