package io.econtext.internal.call;

import io.econtext.CallTimeoutException;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextUnresponsiveException;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.LossReason;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.wire.Message;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends requests and matches their replies. Each request gets a one-shot reply handle that only its destination may
 * answer, or, with a DEAD answer, this router or a router on the path to the destination ({@link
 * Policy#EXPECTED_SOURCE}). When a context is lost, every request pending to it fails at once.
 *
 * <p>Threads: any thread sends; replies complete on reader threads.
 */
public final class CallClient implements RouterCore.LossListener {
    private final RouterCore router;
    private final ContextNames names;
    private final Map<Integer, PendingCall> pending = new ConcurrentHashMap<Integer, PendingCall>();
    /** Contexts lost, at most {@link #MAX_LOST} (ids are never reused). */
    private final Map<Integer, Lost> lost = new ConcurrentHashMap<Integer, Lost>();

    private static final int MAX_LOST = 1024;

    /** Names contexts in error messages. */
    public interface ContextNames {
        String nameOf(int contextId);

        /**
         * Why {@code contextId}, one of {@code lost}, was lost, told with the names this context knows (the master's
         * say which ancestor died); by default as the router told it.
         */
        default LossReason lossOf(int contextId, Set<Integer> lost, LossReason reason) {
            return reason;
        }
    }

    public CallClient(RouterCore router, ContextNames names) {
        this.router = router;
        this.names = names;
        router.addLossListener(this);
    }

    /**
     * Sends {@code payload} to {@code handle} in context {@code dst} and returns the future reply.
     *
     * @param flush flush now (a caller that waits) or soon (a caller that pipelines: see RouterCore#sendSoon)
     */
    public PendingCall request(int dst, int handle, int flags, byte[] payload, boolean flush) {
        return request(dst, handle, flags, payload, flush, null);
    }

    /**
     * {@link #request(int, int, int, byte[], boolean)} for a caller with a deadline: while the stream towards {@code
     * dst} holds more than its bound of unwritten bytes (the context stopped reading), the caller waits at most its
     * deadline for room, then the returned call fails with a {@link CallTimeoutException}. The caller's thread never
     * writes to the pipe itself: the stream's writer thread does.
     *
     * @param deadline the caller's deadline, or {@code null} for none
     */
    public PendingCall request(int dst, int handle, int flags, byte[] payload, boolean flush, Duration deadline) {
        return request(dst, handle, flags, payload, flush, deadline, 0, null);
    }

    /**
     * {@link #request(int, int, int, byte[], boolean, Duration)} for a call whose reply may come in parts, and whose
     * failure {@code counters} count.
     *
     * @param maxReply the most bytes the reply may take when it comes in parts (larger than a frame); 0: no such reply
     * @param counters where the call is counted as failed, or {@code null}
     */
    PendingCall request(
            int dst,
            int handle,
            int flags,
            byte[] payload,
            boolean flush,
            Duration deadline,
            long maxReply,
            ContextCounters counters) {
        Stream.beforeBlocking(); // a call run inline by a reader must not wait for the stream it is to read
        int replyHandle = router.newHandle(
                new HandleReceiver() {
                    @Override
                    public void receive(Message message, Stream from) {
                        PendingCall p = pending.remove(message.handle);
                        if (p != null) {
                            p.complete(message);
                        }
                    }

                    @Override
                    public long maxPartedBytes() {
                        return maxReply;
                    }
                },
                Policy.EXPECTED_SOURCE,
                true,
                dst);
        PendingCall call = new PendingCall(this, dst, replyHandle, counters);
        ContextDisconnectedException gone = lostException(dst);
        if (gone != null) { // lost already: fail with why, not with a route that is no longer there
            router.removeHandle(replyHandle);
            call.completeExceptionally(gone);
            return call;
        }
        pending.put(replyHandle, call);
        Message m = Message.of(dst, router.id(), handle, replyHandle, flags, payload);
        boolean sent;
        if (deadline != null) {
            sent = router.send(m, deadline.toNanos());
        } else if (flush) {
            router.send(m);
            sent = true;
        } else {
            sent = router.sendSoon(m, Long.MAX_VALUE);
        }
        if (!sent) {
            abandon(call);
            call.completeExceptionally(new CallTimeoutException(names.nameOf(dst), deadline));
        }
        return call;
    }

    /** Sends a message that wants no answer, and flushes. */
    public void send(int dst, int handle, int flags, byte[] payload) {
        router.send(Message.of(dst, router.id(), handle, 0, flags, payload));
    }

    /** Forgets a request whose caller gave up (deadline); a late reply is dropped. */
    public void abandon(PendingCall call) {
        pending.remove(call.replyHandle);
        router.removeHandle(call.replyHandle);
    }

    /**
     * Forgets a request whose caller gave up (deadline, interruption, {@code cancel(true)}) and tells its destination
     * to stop it. Wire: a CANCEL message ({@link Handles#CANCEL}, accepted only from ancestors) whose data is the
     * request's reply handle, u32 big-endian; the destination interrupts the call, or drops it if it has not started,
     * and sends no answer. Does nothing when the request was answered or cancelled already.
     */
    public void cancel(PendingCall call) {
        cancel(call.replyHandle);
    }

    /** {@link #cancel(PendingCall)} by the request's reply handle. */
    void cancel(int replyHandle) {
        PendingCall call = pending.remove(replyHandle);
        if (call == null) {
            return;
        }
        router.removeHandle(replyHandle);
        call.cancel(false); // its deadline timer, if any, goes too
        int h = replyHandle;
        byte[] data = {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
        // posted, never waited for: a cancel is sent from timers and pool threads, and its destination may be frozen
        router.post(Message.of(call.dst, router.id(), Handles.CANCEL, 0, 0, data));
    }

    @Override
    public void contextsLost(Set<Integer> ids, String reason) {
        contextsLost(ids, LossReason.gone(reason));
    }

    @Override
    public void contextsLost(Set<Integer> ids, LossReason reason) {
        String silentName = reason.isUnresponsive() ? names.nameOf(reason.silentId()) : null;
        for (Integer id : ids) {
            if (lost.size() >= MAX_LOST) { // bounded: one lost context is forgotten (any: the map keeps no order),
                Iterator<Integer> any = lost.keySet().iterator(); // and a request to it bounces "no route" instead
                if (any.hasNext()) {
                    lost.remove(any.next());
                }
            }
            lost.put(id, new Lost(names.nameOf(id), names.lossOf(id, ids, reason), silentName));
        }
        Iterator<PendingCall> it = pending.values().iterator();
        while (it.hasNext()) {
            PendingCall p = it.next();
            if (ids.contains(p.dst)) {
                it.remove();
                router.removeHandle(p.replyHandle);
                p.completeExceptionally(
                        lossException(names.nameOf(p.dst), names.lossOf(p.dst, ids, reason), silentName));
            }
        }
    }

    /** The exception a request to {@code dst} fails with when {@code dst} was lost, or null. */
    private ContextDisconnectedException lostException(int dst) {
        if (lost.isEmpty()) {
            return null;
        }
        Lost l = lost.get(dst);
        return l == null ? null : lossException(l.name, l.reason, l.silentName);
    }

    /** A context this one lost: requests made to it later fail with the reason it was lost for. */
    private static final class Lost {
        final String name;
        final LossReason reason;
        final String silentName;

        Lost(String name, LossReason reason, String silentName) {
            this.name = name;
            this.reason = reason;
            this.silentName = silentName;
        }
    }

    /**
     * The exception for {@code contextName}, lost for {@code reason}: {@link ContextUnresponsiveException} naming the
     * context that went silent and for how long, or {@link ContextDisconnectedException} with the reason's text.
     */
    public static ContextDisconnectedException lossException(String contextName, LossReason reason, String silentName) {
        if (reason.isUnresponsive()) {
            return new ContextUnresponsiveException(contextName, silentName, Duration.ofNanos(reason.silenceNanos()));
        }
        return new ContextDisconnectedException(contextName, reason.text());
    }

    /** Fails every pending request (this context is shutting down). */
    public void failAll(String reason) {
        Iterator<PendingCall> it = pending.values().iterator();
        while (it.hasNext()) {
            PendingCall p = it.next();
            it.remove();
            p.completeExceptionally(new ContextDisconnectedException(names.nameOf(p.dst), reason));
        }
    }
}
