package io.econtext.internal.call;

import io.econtext.CallTimeoutException;
import io.econtext.internal.wire.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request waiting for its reply message; completed on the reader thread that got the reply.
 *
 * <p>Futures derived from it ({@code thenApply}, as {@code callAsync} returns) cancel the request in its destination
 * when cancelled with {@code cancel(true)} ({@link CallClient#cancel}). With a {@link #deadline}, the request fails
 * with {@link CallTimeoutException} when no answer came in time, and is cancelled in its destination. "In time" is
 * judged by the clock when the reply is read, not by which thread runs first: on a loaded machine the JDK's timer
 * thread, and the thread it hands the failure to, may run hundreds of ms late, and a reply read meanwhile used to
 * answer a call after its deadline. A request without a deadline costs no timer and no allocation beyond this object.
 */
public final class PendingCall extends CompletableFuture<Message> {
    final int dst;
    final int replyHandle;
    private final CallClient client;
    /** Set by {@link #deadline}, read when the JDK's timer fires. */
    private volatile String contextName;

    private volatile Duration deadline;

    /** {@link System#nanoTime()} when the deadline passes; read only once {@link #deadline} is set. */
    private volatile long expiresAt;

    /** Set by the JDK's timer thread when the deadline passed: a reply after that is dropped. */
    private volatile boolean expired;

    /** Where this call's failure is counted; null for requests that are not calls. */
    private final ContextCounters counters;

    /**
     * True once the failure was counted (the caller and the completing thread may both see it); guarded by this
     * object's monitor, taken on failure paths only. Not a field updater: its reflection loads the types of every field
     * of this class, and a child loads this class while it fetches classes (ContextCounters among them) from its
     * parent.
     */
    private boolean failureCounted;

    PendingCall(CallClient client, int dst, int replyHandle) {
        this(client, dst, replyHandle, null);
    }

    PendingCall(CallClient client, int dst, int replyHandle, ContextCounters counters) {
        this.client = client;
        this.counters = counters;
        this.dst = dst;
        this.replyHandle = replyHandle;
    }

    public int replyHandle() {
        return replyHandle;
    }

    /** Counts this call as failed, once (e.g. its caller's wait timed out): the counts stay exact under races. */
    void countAsFailed() {
        ContextCounters c = counters;
        if (c == null || isCancelled()) {
            return;
        }
        synchronized (this) {
            if (failureCounted) {
                return;
            }
            failureCounted = true;
        }
        c.callFailed();
    }

    /**
     * Fails this request with a {@link CallTimeoutException} naming {@code contextName} and {@code deadline} unless it
     * is answered within {@code deadline}, and then cancels it in its destination. The JDK's timer thread only fires:
     * the failure and the cancel message are sent from the async pool, so the timer never waits for a stream.
     */
    void deadline(Duration deadline, long nanosLeft, String contextName) {
        expireAfter(deadline, nanosLeft, contextName);
        orTimeout(nanosLeft, TimeUnit.NANOSECONDS);
    }

    /**
     * Like {@link #deadline} without the timer, for a caller that waits with a timeout of its own: a reply read more
     * than {@code nanosLeft} from now fails this request with a {@link CallTimeoutException}, however soon the caller
     * wakes up to take it.
     */
    void expireAfter(Duration deadline, long nanosLeft, String contextName) {
        this.contextName = contextName;
        this.expiresAt = System.nanoTime() + nanosLeft;
        this.deadline = deadline; // last: complete() reads it first
    }

    /** The JDK's {@code orTimeout} completes with a bare TimeoutException: made the typed one, off the timer thread. */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        if (ex instanceof TimeoutException && deadline != null) {
            if (isDone()) {
                return false;
            }
            expired = true;
            CompletableFuture.runAsync(new Runnable() {
                @Override
                public void run() {
                    timedOut();
                }
            });
            return true;
        }
        if (super.completeExceptionally(ex)) {
            countAsFailed();
            return true;
        }
        return false;
    }

    /** The reply, unless the deadline passed first: then the call fails here, on the reader's thread, as it is due. */
    @Override
    public boolean complete(Message reply) {
        if (deadline != null && (expired || System.nanoTime() - expiresAt >= 0)) {
            expired = true;
            timedOut();
            return false;
        }
        if (!super.complete(reply)) {
            return false;
        }
        if ((reply.flags & (Message.FLAG_ERROR | Message.FLAG_DEAD)) != 0) {
            countAsFailed();
        }
        return true;
    }

    /** The deadline passed: fails the caller's future first, then tells the destination. */
    void timedOut() {
        if (super.completeExceptionally(new CallTimeoutException(contextName, deadline))) {
            countAsFailed();
            client.cancel(this);
        }
    }

    /** The futures callers hold: cancelling one with {@code cancel(true)} cancels the request remotely. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new Derived<U>(client, replyHandle);
    }

    /**
     * A future computed from a pending request's reply; its {@code cancel(true)} reaches the destination. It names the
     * request by its reply handle only, so a future the caller keeps does not keep the reply's bytes.
     */
    static final class Derived<U> extends CompletableFuture<U> {
        private final CallClient client;
        private final int replyHandle;

        Derived(CallClient client, int replyHandle) {
            this.client = client;
            this.replyHandle = replyHandle;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && mayInterruptIfRunning) {
                client.cancel(replyHandle);
            }
            return cancelled;
        }

        @Override
        public <V> CompletableFuture<V> newIncompleteFuture() {
            return new Derived<V>(client, replyHandle);
        }
    }
}
