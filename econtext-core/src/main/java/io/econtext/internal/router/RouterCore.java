package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The router of one context. Delivers a message to a local handle, down the child stream that leads to its
 * destination, or up to the parent. Route additions and losses propagate upward (ADD_ROUTE / DEL_ROUTE), so the
 * master learns of contexts its children booted, and where each sits in the tree ({@link RouteTable}).
 *
 * <p>Checks, on every message that arrives on a stream: its {@code src} must be reachable through that stream
 * (a child stream may only speak for its own subtree, the parent stream for everything else); the target handle's
 * {@link Policy} must accept it. Violations are dropped and logged, and a sender that waits for an answer gets a
 * {@link DeadReason#REFUSED} reply, or, from a reply handle or a receiver, the same answer as from a handle that does
 * not exist: a context that may not use a handle learns nothing about it.
 *
 * <p>Threads: safe for concurrent use. Messages are routed on the thread that sends or reads them.
 */
public final class RouterCore {
    private static final Log LOG = Log.get(RouterCore.class);

    /** Told when contexts become unreachable. Runs on the thread that noticed (a reader): must not block. */
    public interface LossListener {
        void contextsLost(Set<Integer> ids, String reason);

        /** The same, with the reason's kind (e.g. unresponsive, naming the silent context); what the router calls. */
        default void contextsLost(Set<Integer> ids, LossReason reason) {
            contextsLost(ids, reason.text());
        }
    }

    /**
     * Approves a route announcement before it is recorded (the master checks the id was allocated for a boot through
     * {@code parent}, and that {@code parent} is reached through {@code via}).
     */
    public interface RouteValidator {
        boolean accept(int id, int parent, Stream via);
    }

    /**
     * Counts the frames this context sends to and receives from each context (the master's {@code Context.stats()}).
     * Runs on the sending or reading thread, once a frame: must not block, lock or allocate.
     */
    public interface TrafficMeter {
        void sent(int dst, int dataBytes);

        void received(int src, int dataBytes);
    }

    private final int id;
    private final int[] ancestors;
    private final Stream parent;
    private final RouteTable routes;
    private final Admission admission;
    private final HandleTable handles = new HandleTable();
    private final List<LossListener> lossListeners = new CopyOnWriteArrayList<LossListener>();
    private volatile RouteValidator routeValidator;
    private volatile Runnable onParentLost;
    private volatile int maxFrame = io.econtext.internal.wire.Frames.DEFAULT_MAX_FRAME;
    /** Set before any stream starts (then read without a fence on every frame); null: nothing counted. */
    private TrafficMeter meter;

    /**
     * @param id this context's id
     * @param ancestors ids of this context's ancestors, nearest first (empty for the master)
     * @param parent the stream to the parent, or {@code null} for the master
     */
    public RouterCore(int id, int[] ancestors, Stream parent) {
        this.id = id;
        this.ancestors = ancestors.clone();
        this.parent = parent;
        this.routes = new RouteTable(id);
        this.admission = new Admission(id, this.ancestors, parent, routes);
        addHandle(
                Handles.ADD_ROUTE,
                new HandleReceiver() {
                    @Override
                    public void receive(Message m, Stream from) {
                        onAddRoute(m, from);
                    }
                },
                Policy.FROM_CHILD);
        addHandle(
                Handles.DEL_ROUTE,
                new HandleReceiver() {
                    @Override
                    public void receive(Message m, Stream from) {
                        onDelRoute(m, from);
                    }
                },
                Policy.FROM_CHILD);
        addHandle(
                Handles.HEARTBEAT,
                new HandleReceiver() {
                    @Override
                    public void receive(Message m, Stream from) {
                        if (m.replyTo != 0) { // a ping; reading it reset our clock, the answer resets the peer's
                            route(
                                    Message.of(m.src, RouterCore.this.id, Handles.HEARTBEAT, 0, 0, null),
                                    null,
                                    FLUSH_SOON,
                                    Stream.NO_WAIT);
                        }
                    }
                },
                Policy.NEIGHBOUR);
    }

    public int id() {
        return id;
    }

    public int[] ancestors() {
        return ancestors.clone();
    }

    public Stream parent() {
        return parent;
    }

    public void setRouteValidator(RouteValidator validator) {
        this.routeValidator = validator;
    }

    /** Counts traffic per context from now on; set before any stream starts. */
    public void setTrafficMeter(TrafficMeter meter) {
        this.meter = meter;
    }

    public void setOnParentLost(Runnable action) {
        this.onParentLost = action;
    }

    public void addLossListener(LossListener l) {
        lossListeners.add(l);
    }

    /**
     * Adds {@code l} before every listener added so far: for the owner of the contexts' handles, so that a caller
     * whose call a later listener fails for the loss reads its context dead already.
     */
    public void addFirstLossListener(LossListener l) {
        lossListeners.add(0, l);
    }

    /** Stops telling {@code l} (a receiver that ended, say); a listener that outlives its use would leak. */
    public void removeLossListener(LossListener l) {
        lossListeners.remove(l);
    }

    /** The loss listeners registered now, for tests. */
    public int lossListenerCount() {
        return lossListeners.size();
    }

    /** Registers a well-known handle. */
    public void addHandle(int handle, HandleReceiver r, Policy policy) {
        handles.add(handle, r, policy);
    }

    /**
     * Allocates a handle for {@code r}, numbered unpredictably (see {@link HandleNumbers}). A one-shot handle is removed
     * when its first message is delivered.
     *
     * @param expectedSource for {@link Policy#EXPECTED_SOURCE}: the context the answer must come from
     */
    public int newHandle(HandleReceiver r, Policy policy, boolean oneShot, int expectedSource) {
        return handles.allocate(r, policy, oneShot, expectedSource);
    }

    /**
     * Lets {@code contextId}, and the contexts below it, send to {@code handle}, a {@link Policy#GRANTED} handle of
     * this context (a receiver whose sender was just encoded into a message bound for {@code contextId}). Does nothing
     * for any other handle, or for this context itself (which may always send to its own handles). Any thread.
     */
    public void grant(int handle, int contextId) {
        HandleTable.Registration r = handles.get(handle);
        if (r != null && r.policy == Policy.GRANTED && contextId != id) {
            r.grant(contextId);
        }
    }

    /** The handles allocated at run time and open now (reply handles, receivers), for diagnostics and tests. */
    public int[] allocatedHandles() {
        return handles.allocated();
    }

    public void removeHandle(int handle) {
        handles.remove(handle);
    }

    /** Makes {@code stream} the route to its remote context (a child this context just booted). */
    public void addChild(Stream stream) {
        stream.handOffWrites();
        routes.add(stream.remoteId(), id, stream);
    }

    /** True when {@code contextId} is this context or routed below it. */
    public boolean isLocalOrBelow(int contextId) {
        return contextId == id || routes.streamTo(contextId) != null;
    }

    /** The child stream leading to {@code contextId}, or {@code null}. */
    public Stream routeTo(int contextId) {
        return routes.streamTo(contextId);
    }

    /** Every child stream (direct children only), for shutdown. */
    public List<Stream> childStreams() {
        return routes.childStreams();
    }

    /** The bound on a frame's data; sending a bigger message fails at the sender, not at the receiver's stream. */
    public void setMaxFrame(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    public int maxFrame() {
        return maxFrame;
    }

    /**
     * Sends {@code m} from this context and flushes, on the calling thread: a caller that may wait without bound (it
     * waits while the next stream's queue is full, and writes to the pipe itself, which blocks while the peer does not
     * read). Shared threads use {@link #post}, callers with a deadline {@link #send(Message, long)}. A message larger
     * than a frame may be goes in parts ({@link Parts}), the caller waiting for each within the transfer's window.
     */
    public void send(Message m) {
        if (m.data.length > maxFrame) {
            sendInParts(m, FLUSH_NOW, Long.MAX_VALUE);
            return;
        }
        route(m, null, FLUSH_NOW, Stream.WAIT);
    }

    /**
     * Sends {@code m} for a caller with a deadline: waits at most {@code waitNanos} for room in the next stream's
     * queue (and, for a message sent in parts, in the transfer's window), and leaves the writing to the stream's writer
     * thread.
     *
     * @return false when there was no room within {@code waitNanos} (nothing was sent, or the parts sent were
     *     withdrawn)
     */
    public boolean send(Message m, long waitNanos) {
        if (m.data.length > maxFrame) {
            return sendInParts(m, FLUSH_SOON, Math.max(1, waitNanos));
        }
        return route(m, null, FLUSH_SOON, Math.max(1, waitNanos));
    }

    /**
     * Sends {@code m} without ever blocking the calling thread on a child: for shared threads (timers, readers,
     * shutdown). A child whose stream holds more than {@link io.econtext.internal.wire.FrameWriter#HARD_LIMIT} bytes
     * unread loses its stream instead.
     *
     * @throws io.econtext.CodecException when {@code m} is larger than the maximum frame size: a shared thread cannot
     *     wait for the parts of a larger message to go
     */
    public void post(Message m) {
        checkSize(m);
        route(m, null, FLUSH_SOON, Stream.NO_WAIT);
    }

    /**
     * Sends {@code m} without flushing; the calling thread must call {@link #flushPending()} before it blocks. A
     * message larger than a frame may be is sent in parts at once, after what this thread batched, waiting for room:
     * for threads that may wait (a call's thread answering it).
     */
    public void sendBatched(Message m) {
        if (m.data.length > maxFrame) {
            flushPending();
            sendInParts(m, FLUSH_NOW, Long.MAX_VALUE);
            return;
        }
        route(m, null, FLUSH_OUTBOX, Stream.NO_WAIT);
    }

    /**
     * Answers {@code request} with {@code payload}, or, when the payload is larger than a frame may be, with a DEAD
     * reply saying so: the requester fails that one request instead of losing its stream.
     */
    public void reply(Message request, int flags, byte[] payload) {
        if (payload.length > maxFrame) {
            payload = DeadReason.NO_HANDLE.encode("the answer is " + payload.length + " bytes, more than the maximum"
                    + " frame size of " + maxFrame + " bytes");
            flags = Message.FLAG_DEAD;
        }
        route(Message.of(request.src, id, request.replyTo, 0, flags, payload), null, FLUSH_SOON, Stream.NO_WAIT);
    }

    private void checkSize(Message m) {
        if (m.data.length > maxFrame) {
            throw new io.econtext.CodecException("a message of " + m.data.length + " bytes exceeds the maximum frame"
                    + " size of " + maxFrame + " bytes; send large data in chunks through a Sender");
        }
    }

    /**
     * Sends {@code m} and lets the next stream's writer thread flush it shortly: writes that pile up meanwhile share
     * one system call. For callers that pipeline and do not wait; the caller waits for room in the stream's queue
     * (backpressure) at most {@code waitNanos} ({@link Long#MAX_VALUE}: without bound). A message larger than a frame
     * may be goes in parts, as with {@link #send(Message, long)}.
     *
     * @return false when there was no room within {@code waitNanos} (nothing was sent)
     */
    public boolean sendSoon(Message m, long waitNanos) {
        if (m.data.length > maxFrame) {
            return sendInParts(m, FLUSH_SOON, Math.max(1, waitNanos));
        }
        return route(m, null, FLUSH_SOON, Math.max(1, waitNanos));
    }

    /**
     * Sends {@code m}, larger than a frame may be, as a transfer of parts ({@link Parts}) on the calling thread, which
     * waits for room in the next stream's queue and in the transfer's window. A transfer cut short (the deadline
     * passed, the receiver refused it, the destination went away) ends with an abort, so the receiver forgets its parts;
     * a refusal reaches the receiving handle, a loss the callers waiting on the destination.
     *
     * @return false when the deadline passed first
     */
    private boolean sendInParts(Message m, int flush, long waitNanos) {
        if (m.dst == id) {
            return route(m, null, flush, waitNanos);
        }
        long end = waitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + waitNanos;
        OutgoingTransfer acks = new OutgoingTransfer();
        int transfer = newHandle(acks, Policy.EXPECTED_SOURCE, false, m.dst);
        java.util.function.BooleanSupplier reachable = () -> reachable(m.dst);
        int slice = Parts.sliceSize(maxFrame);
        int total = m.data.length;
        try {
            for (int off = 0; off < total; ) {
                int n = Math.min(slice, total - off);
                int room = acks.awaitRoom(off, n, end, reachable);
                long left = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - System.nanoTime();
                if (room != OutgoingTransfer.ROOM || left <= 0) {
                    abort(m, transfer);
                    return room == OutgoingTransfer.REFUSED || room == OutgoingTransfer.UNREACHABLE;
                }
                boolean last = off + n == total;
                int flags = m.flags | Message.FLAG_PART | (last ? 0 : Message.FLAG_MORE);
                Message part = new Message(
                        m.dst, m.src, m.auth, m.handle, m.replyTo, flags, Parts.part(transfer, m.data, off, n));
                if (!route(part, null, flush, left)) {
                    abort(m, transfer);
                    return false;
                }
                if (!reachable(m.dst)) {
                    return true; // the part bounced, or its stream closed: the sender learns of it either way
                }
                off += n;
            }
            return true;
        } finally {
            removeHandle(transfer);
        }
    }

    /** Tells the receiver of a transfer cut short to forget its parts; never waits. */
    private void abort(Message m, int transfer) {
        route(
                new Message(
                        m.dst,
                        m.src,
                        m.auth,
                        m.handle,
                        0,
                        Message.FLAG_PART | Message.FLAG_DEAD,
                        Parts.abort(transfer)),
                null,
                FLUSH_SOON,
                Stream.NO_WAIT);
    }

    /** True when a stream that leads to {@code contextId} is open (it may still not be there). */
    private boolean reachable(int contextId) {
        Stream s = routes.streamTo(contextId);
        if (s == null) {
            s = parent;
        }
        return s != null && !s.isClosed();
    }

    /** Acknowledges the parts of {@code transfer} received so far, from a reader: queued, flushed with its batch. */
    void ackPart(Message part, int transfer, long received) {
        route(Message.of(part.src, id, transfer, 0, 0, Parts.ack(received)), null, FLUSH_OUTBOX, Stream.NO_WAIT);
    }

    /** Tells the sender of {@code transfer} to stop: the rest of its parts would be dropped. */
    void refusePart(Message part, int transfer, String why) {
        route(
                Message.of(part.src, id, transfer, 0, Message.FLAG_DEAD, DeadReason.TOO_LARGE.encode(why)),
                null,
                FLUSH_OUTBOX,
                Stream.NO_WAIT);
    }

    /** Logs a malformed part, within what its stream may still cause. */
    void warnTransfer(Stream from, Message part, String what) {
        warnRefused(from, "context " + part.src + " sent " + what + ": " + part);
    }

    /** Flushes what this thread sent with {@link #sendBatched}. */
    public void flushPending() {
        Outbox.current().flushAll();
    }

    /** Called by a stream's reader for each frame. */
    void onMessage(Stream from, Message m) {
        if (!admission.sourceFits(from, m.src)) {
            warnRefused(
                    from,
                    "dropped message from stream " + from.name() + " claiming src " + m.src
                            + ", which is not reachable through it: " + m);
            return;
        }
        route(m, from, FLUSH_OUTBOX, Stream.NO_WAIT);
    }

    private static final int FLUSH_OUTBOX = 0;
    private static final int FLUSH_NOW = 1;
    private static final int FLUSH_SOON = 2;

    /**
     * Delivers {@code m} here or queues it on the next stream. Only a thread with {@code waitNanos > 0} (a sender on
     * its own thread) ever waits, and only {@link #FLUSH_NOW} (a sender that may wait without bound) writes to a
     * child's pipe itself; readers forwarding frames and other shared threads queue and go on (see {@link
     * Stream#write(Message, long)}).
     *
     * @return false when the sender's wait for room ran out (nothing was sent)
     */
    private boolean route(Message m, Stream from, int flush, long waitNanos) {
        if (m.dst == id) {
            deliver(m, from);
            return true;
        }
        Stream next = routes.streamTo(m.dst);
        if (next == null) {
            next = parent;
        }
        int r = next == null || next == from ? FrameWriter.CLOSED : next.write(m, waitNanos);
        if (r != FrameWriter.APPENDED) {
            if (r == FrameWriter.TIMED_OUT) {
                return false;
            }
            String closed = next == null ? null : next.closeReason();
            bounce(
                    m,
                    DeadReason.DISCONNECTED,
                    closed != null
                            ? "the stream to " + next.name() + " closed: " + closed
                            : "no route to context " + m.dst + " from context " + id);
            return true;
        }
        TrafficMeter tm = meter;
        if (tm != null && from == null) {
            tm.sent(m.dst, m.data.length);
        }
        if (flush == FLUSH_NOW) {
            next.flushNow();
        } else if (flush == FLUSH_SOON) {
            next.flush();
        } else {
            Outbox.current().add(next);
        }
        return true;
    }

    private void deliver(Message m, Stream from) {
        TrafficMeter tm = meter;
        if (tm != null && from != null) {
            tm.received(m.src, m.data.length);
        }
        HandleTable.Registration r = handles.get(m.handle);
        if (m.has(Message.FLAG_PART)) {
            if (from == null) {
                return; // parts come from streams; this context sends itself whole messages
            }
            boolean admitted = r != null && admission.permits(r, m, from);
            m = from.parts().add(m, admitted ? r.receiver.maxPartedBytes() : 0, from, this);
            if (m == null) {
                return;
            }
        }
        if (r == null) {
            if (!m.has(Message.FLAG_DEAD)) {
                bounce(m, DeadReason.NO_HANDLE, "context " + id + " has no handle " + m.handle);
            }
            return;
        }
        if (!admission.permits(r, m, from)) {
            warnRefused(
                    from,
                    "refused message from context " + m.src + " to handle " + m.handle + " (policy " + r.policy + ")");
            if (r.policy == Policy.EXPECTED_SOURCE || r.policy == Policy.GRANTED) {
                bounce(m, DeadReason.NO_HANDLE, "context " + id + " has no handle " + m.handle);
                return;
            }
            String why = r.policy == Policy.FROM_ANCESTOR
                    ? ": only an ancestor may call into a context"
                    : ": handle " + m.handle + " accepts only " + r.policy.describe();
            bounce(
                    m,
                    DeadReason.REFUSED,
                    "context " + id + " refused handle " + m.handle + " to context " + m.src + why);
            return;
        }
        if (r.oneShot && !handles.claim(m.handle, r)) {
            return;
        }
        r.receiver.receive(m, from);
    }

    private boolean isAncestor(int ctx) {
        return admission.ancestorIndex(ctx) >= 0;
    }

    /** Answers a message that cannot be delivered, when its sender waits for an answer. */
    private void bounce(Message m, DeadReason reason, String text) {
        if (m.replyTo == 0 || m.has(Message.FLAG_DEAD)) {
            LOG.debug("dropped undeliverable message: " + text + ": " + m);
            return;
        }
        Message dead = Message.of(m.src, id, m.replyTo, 0, Message.FLAG_DEAD, reason.encode(text));
        if (m.src == id) {
            deliver(dead, null);
        } else {
            route(dead, null, FLUSH_SOON, Stream.NO_WAIT);
        }
    }

    private void onAddRoute(Message m, Stream from) {
        if ((m.data.length & 7) != 0) {
            warnRefused(
                    from,
                    "ignored a route announcement of " + m.data.length + " bytes from context " + m.src
                            + " (expected: pairs of u32 context id and u32 parent id)");
            return;
        }
        int[] pairs = decodeIds(m.data);
        for (int i = 0; i < pairs.length; i += 2) {
            int target = pairs[i];
            int targetParent = pairs[i + 1];
            if (!acceptsRoute(target, targetParent, from)) {
                warnRefused(
                        from,
                        "refused route to context " + target + " (parent " + targetParent + ") announced by context "
                                + m.src);
                continue;
            }
            routes.add(target, targetParent, from);
            if (parent != null) {
                parent.write(Message.of(
                        ancestors[0], id, Handles.ADD_ROUTE, 0, 0, encodeIds(new int[] {target, targetParent})));
                Outbox.current().add(parent);
            }
        }
    }

    /**
     * A child may announce only new contexts whose parent is itself or already below it: it can neither take over a
     * route nor move a context (a context's place in the tree never changes; a repeat is harmless).
     */
    private boolean acceptsRoute(int target, int targetParent, Stream from) {
        if (target == id || isAncestor(target)) {
            return false;
        }
        Stream existing = routes.streamTo(target);
        if (existing != null) {
            return existing == from && routes.parentOf(target) == targetParent;
        }
        if (routes.streamTo(targetParent) != from) {
            return false;
        }
        RouteValidator v = routeValidator;
        return v == null || v.accept(target, targetParent, from);
    }

    private void onDelRoute(Message m, Stream from) {
        int[][] ids = new int[1][];
        LossReason reason = LossReason.decode(m.data, ids, "context " + m.src);
        if (reason == null) {
            warnRefused(
                    from,
                    "ignored a route loss of " + m.data.length + " bytes from context " + m.src
                            + " (expected: u32 count, u32 context ids, u8 kind and its fields)");
            return;
        }
        Set<Integer> lost = new HashSet<Integer>();
        for (int target : ids[0]) {
            if (routes.remove(target, from)) {
                lost.add(target);
            }
        }
        if (!lost.isEmpty()) {
            lose(
                    lost,
                    reason.isUnresponsive() && !lost.contains(reason.silentId())
                            ? LossReason.gone(reason.text())
                            : reason);
        }
    }

    /**
     * Declares the peer of {@code stream} unresponsive (called by {@link Heartbeat} when the stream read nothing for
     * longer than its timeout): closes the stream (a child's process is then ended), and reports the child and every
     * context below it lost as unresponsive at once, without waiting for the reader to see the stream end (a frozen
     * process never closes its pipe); does not block. For the parent stream, this context does what it does when its
     * parent goes away (a child exits, on the calling thread).
     */
    void unresponsive(Stream stream, long silenceNanos) {
        String text = "context " + stream.name() + " was unresponsive: nothing read from it for "
                + silenceNanos / 1_000_000L + " ms (heartbeat timeout)";
        LOG.warn(text + "; closing its stream");
        if (stream == parent) {
            Runnable r = onParentLost;
            if (r != null) {
                r.run(); // exits, bounded by a watchdog; closing the stream first could wait on the frozen pipe
            } else {
                stream.close(text);
            }
            return;
        }
        // the loss first: callers waiting on the stream then fail with its reason when the close wakes them
        Set<Integer> lost = routes.removeAll(stream);
        if (!lost.isEmpty()) {
            lose(lost, LossReason.unresponsive(stream.remoteId(), silenceNanos, text));
        }
        stream.close(text);
    }

    /** Called by a stream's reader once the stream closed. */
    void onStreamClosed(Stream stream, String reason) {
        if (stream == parent) {
            Runnable r = onParentLost;
            if (r != null) {
                r.run();
            }
            return;
        }
        Set<Integer> lost = routes.removeAll(stream);
        if (!lost.isEmpty()) {
            lose(lost, LossReason.streamClosed(id, stream.name(), reason));
        }
    }

    private void lose(Set<Integer> lost, LossReason reason) {
        if (parent != null) {
            if (parent.write(Message.of(ancestors[0], id, Handles.DEL_ROUTE, 0, 0, reason.encode(lost)))) {
                parent.flush();
            }
        }
        for (LossListener l : lossListeners) {
            try {
                l.contextsLost(lost, reason);
            } catch (RuntimeException e) {
                LOG.error("loss listener failed", e);
            }
        }
    }

    /** Tells every handle its context is going away. */
    public void closeHandles() {
        handles.closeAll();
    }

    static byte[] encodeIds(int[] ids) {
        byte[] b = new byte[ids.length * 4];
        for (int i = 0; i < ids.length; i++) {
            int v = ids[i];
            b[i * 4] = (byte) (v >>> 24);
            b[i * 4 + 1] = (byte) (v >>> 16);
            b[i * 4 + 2] = (byte) (v >>> 8);
            b[i * 4 + 3] = (byte) v;
        }
        return b;
    }

    /**
     * Logs what a peer sent and this router refused, within the warnings {@code from} may still cause (see {@link
     * Stream#refusals}): a peer that sends refused frames as fast as it can cannot flood the log. {@code from} null
     * (sent in this context): always logged.
     */
    private static void warnRefused(Stream from, String message) {
        String note = from == null ? "" : from.refusals().admit();
        if (note != null) {
            LOG.warn(message + note);
        }
    }

    /**
     * The ids of a route message: big-endian s32s. The callers refuse a length that does not fit (the message is
     * corrupt, and is applied not in part but not at all); stray bytes at the end are not read.
     */
    static int[] decodeIds(byte[] b) {
        int[] ids = new int[b.length / 4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((b[i * 4] & 0xff) << 24)
                    | ((b[i * 4 + 1] & 0xff) << 16)
                    | ((b[i * 4 + 2] & 0xff) << 8)
                    | (b[i * 4 + 3] & 0xff);
        }
        return ids;
    }

    /** Announces {@code childId} upward after this context booted it. */
    public void announceRoute(int childId) {
        if (parent != null) {
            parent.write(Message.of(ancestors[0], id, Handles.ADD_ROUTE, 0, 0, encodeIds(new int[] {childId, id})));
            parent.flush();
        }
    }
}
