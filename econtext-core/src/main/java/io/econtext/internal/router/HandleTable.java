package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handles of one context: well-known ones (below {@link Handles#FIRST_DYNAMIC}) and allocated ones, each with its
 * receiver and {@link Policy}. The router checks the policy; this table only keeps the registrations. Allocated
 * numbers come from {@link HandleNumbers}: unpredictable, never a well-known handle, never one in use.
 *
 * <p>Threads: safe for concurrent use.
 */
final class HandleTable {
    private static final Log LOG = Log.get(HandleTable.class);
    private static final int[] NONE = new int[0];

    /** One registered handle. */
    static final class Registration {
        final HandleReceiver receiver;
        final Policy policy;
        final boolean oneShot;
        final int expectedSource;
        /**
         * For {@link Policy#GRANTED}: the contexts its sender was handed to; {@code null} while none (no volatile store
         * when a reply handle is made). Copied on write: read per message.
         */
        private volatile int[] granted;

        Registration(HandleReceiver receiver, Policy policy, boolean oneShot, int expectedSource) {
            this.receiver = receiver;
            this.policy = policy;
            this.oneShot = oneShot;
            this.expectedSource = expectedSource;
        }

        boolean isGranted(int contextId) {
            int[] g = granted;
            if (g == null) {
                return false;
            }
            for (int i = 0; i < g.length; i++) {
                if (g[i] == contextId) {
                    return true;
                }
            }
            return false;
        }

        int[] granted() {
            int[] g = granted;
            return g == null ? NONE : g;
        }

        synchronized void grant(int contextId) {
            if (!isGranted(contextId)) {
                int[] old = granted();
                int[] g = Arrays.copyOf(old, old.length + 1);
                g[g.length - 1] = contextId;
                granted = g;
            }
        }
    }

    private final Map<Integer, Registration> handles = new ConcurrentHashMap<Integer, Registration>();
    private final HandleNumbers numbers;

    HandleTable() {
        this(new HandleNumbers());
    }

    HandleTable(HandleNumbers numbers) {
        this.numbers = numbers;
    }

    void add(int handle, HandleReceiver r, Policy policy) {
        handles.put(handle, new Registration(r, policy, false, -1));
    }

    int allocate(HandleReceiver r, Policy policy, boolean oneShot, int expectedSource) {
        Registration reg = new Registration(r, policy, oneShot, expectedSource);
        while (true) {
            int h = numbers.next();
            if (handles.putIfAbsent(h, reg) == null) {
                return h;
            }
        }
    }

    Registration get(int handle) {
        return handles.get(handle);
    }

    /** The allocated handles open now, for diagnostics. */
    int[] allocated() {
        int[] out = new int[handles.size()];
        int n = 0;
        for (Integer h : handles.keySet()) {
            if (h >= Handles.FIRST_DYNAMIC && n < out.length) {
                out[n++] = h;
            }
        }
        return Arrays.copyOf(out, n);
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
