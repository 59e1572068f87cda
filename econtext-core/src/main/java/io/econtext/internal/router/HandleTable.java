package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handles of one context: well-known ones (below {@link Handles#FIRST_DYNAMIC}) and allocated ones, each with its
 * receiver and {@link Policy}. The router checks the policy; this table only keeps the registrations.
 *
 * <p>Threads: safe for concurrent use.
 */
final class HandleTable {
    private static final Log LOG = Log.get(HandleTable.class);

    /** One registered handle. */
    static final class Registration {
        final HandleReceiver receiver;
        final Policy policy;
        final boolean oneShot;
        final int expectedSource;

        Registration(HandleReceiver receiver, Policy policy, boolean oneShot, int expectedSource) {
            this.receiver = receiver;
            this.policy = policy;
            this.oneShot = oneShot;
            this.expectedSource = expectedSource;
        }
    }

    private final Map<Integer, Registration> handles = new ConcurrentHashMap<Integer, Registration>();
    private final AtomicInteger next = new AtomicInteger(Handles.FIRST_DYNAMIC);

    void add(int handle, HandleReceiver r, Policy policy) {
        handles.put(handle, new Registration(r, policy, false, -1));
    }

    int allocate(HandleReceiver r, Policy policy, boolean oneShot, int expectedSource) {
        int h = next.getAndIncrement();
        handles.put(h, new Registration(r, policy, oneShot, expectedSource));
        return h;
    }

    Registration get(int handle) {
        return handles.get(handle);
    }

    /** Removes a one-shot registration for its delivery; false when another thread delivered to it first. */
    boolean claim(int handle, Registration r) {
        return handles.remove(handle, r);
    }

    void remove(int handle) {
        handles.remove(handle);
    }

    /** Tells every receiver its context is going away. */
    void closeAll() {
        for (Registration r : handles.values()) {
            try {
                r.receiver.onClose();
            } catch (RuntimeException e) {
                LOG.warn("handle failed to close", e);
            }
        }
    }
}
