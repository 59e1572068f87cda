package io.econtext.internal.call;

import io.econtext.ChannelWindow;
import io.econtext.internal.router.RouterCore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The credit this context holds at the receivers its senders send to: one {@link SendCredit} per receiver (context and
 * handle), shared by every {@link RouterSender} of it here, so that all of them together stay within the window the
 * receiver granted this context. An entry ends when the receiver says the channel ended, when a message to it bounces,
 * when the receiver's context is lost, or when this context shuts down.
 *
 * <p>Threads: safe for concurrent use. Values that {@link io.econtext.Sender#sendAsync} queued are sent by one drain
 * thread per ledger, started on demand and ended after a second idle.
 */
public final class CreditLedger implements RouterCore.LossListener {
    private final RouterCore router;
    private final ConcurrentHashMap<Long, SendCredit> entries = new ConcurrentHashMap<Long, SendCredit>();
    private final ThreadPoolExecutor drains;

    public CreditLedger(RouterCore router) {
        this.router = router;
        this.drains = new ThreadPoolExecutor(
                0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(), new ThreadFactory() {
                    @Override
                    public Thread newThread(Runnable r) {
                        Thread t = new Thread(r, "econtext-channel-sends");
                        t.setDaemon(true);
                        return t;
                    }
                });
        router.addLossListener(this);
    }

    /**
     * The credit for receiver {@code handle} in context {@code contextId}; a new entry asks the receiver for its window
     * (the sender's first value waits for the answer, one round trip).
     */
    SendCredit entry(int contextId, int handle) {
        Long key = key(contextId, handle);
        SendCredit e = entries.get(key);
        if (e != null) {
            return e;
        }
        SendCredit fresh = new SendCredit(router, this, contextId, handle);
        e = entries.putIfAbsent(key, fresh);
        if (e != null) {
            router.removeHandle(fresh.handle);
            return e;
        }
        fresh.attach();
        return fresh;
    }

    /** The credit of this context's own senders at its receiver {@code handle}: the whole window, no attach. */
    SendCredit local(int handle, ChannelWindow window) {
        SendCredit e = new SendCredit(router, this, router.id(), handle);
        e.grantLocally(window.values(), window.bytes());
        entries.put(key(router.id(), handle), e);
        return e;
    }

    void remove(SendCredit e) {
        entries.remove(key(e.contextId, e.receiverHandle), e);
    }

    /** Runs {@link SendCredit#drainQueued} on the drain thread. */
    void drain(final SendCredit e) {
        ((Executor) drains).execute(new Runnable() {
            @Override
            public void run() {
                e.drainQueued();
            }
        });
    }

    /** The number of receivers this context holds credit at, for tests. */
    public int size() {
        return entries.size();
    }

    @Override
    public void contextsLost(Set<Integer> ids, String reason) {
        for (SendCredit e : entries.values()) {
            if (ids.contains(e.contextId)) {
                e.close("context " + e.contextId + " was lost: " + reason);
            }
        }
    }

    private static Long key(int contextId, int handle) {
        return Long.valueOf(((long) contextId << 32) | (handle & 0xffffffffL));
    }
}
