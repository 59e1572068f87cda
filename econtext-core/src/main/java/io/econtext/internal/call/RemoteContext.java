package io.econtext.internal.call;

import io.econtext.CallOptions;
import io.econtext.Caller;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextInfo;
import io.econtext.ContextStats;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.Router;
import io.econtext.internal.codec.ValueCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@link Context} reached through this JVM's router. Calls go through a {@link ContextCaller}; liveness is driven
 * by the router's loss notices ({@link #markLost}); shutdown is delegated to whoever owns the context.
 */
public final class RemoteContext implements Context {
    /** What shutting a context down means for its owner (the master reaps; a child asks its parent). */
    public interface Shutdown {
        void shutdown(RemoteContext context);
    }

    private final int id;
    private final String name;
    private final CallClient client;
    private final ValueCodec codec;
    private final Executor decodeExecutor;
    private final Shutdown shutdown;
    private final Spin spin = new Spin();
    private final ContextCounters counters = new ContextCounters();
    private final ContextCaller defaultCaller;
    private final CompletableFuture<ContextDisconnectedException> disconnect =
            new CompletableFuture<ContextDisconnectedException>();
    private volatile ContextInfo info;
    /** Set once the router knows the context is gone (by {@link #markGone}, else {@link #markLost}): may be before {@link
     * #disconnect} completes. */
    private volatile boolean gone;

    private final Router router;

    public RemoteContext(
            int id, String name, CallClient client, ValueCodec codec, Executor decodeExecutor, Shutdown shutdown) {
        this(id, name, client, codec, decodeExecutor, shutdown, null);
    }

    /** A context of the master's {@code router}; {@link #router()} returns it. */
    public RemoteContext(
            int id,
            String name,
            CallClient client,
            ValueCodec codec,
            Executor decodeExecutor,
            Shutdown shutdown,
            Router router) {
        this.router = router;
        this.id = id;
        this.name = name;
        this.client = client;
        this.codec = codec;
        this.decodeExecutor = decodeExecutor;
        this.shutdown = shutdown;
        this.defaultCaller =
                new ContextCaller(id, name, client, codec, CallOptions.DEFAULT, decodeExecutor, spin, counters);
    }

    @Override
    public Router router() {
        if (router == null) {
            throw new IllegalStateException("'" + name + "' was booted by a child context: only the master's"
                    + " contexts have a router (channels end in the master)");
        }
        return router;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ContextInfo info() {
        return info;
    }

    public void setInfo(ContextInfo info) {
        this.info = info;
    }

    @Override
    public ContextStats stats() {
        return counters.snapshot();
    }

    /** What the router, the callers and the class server count for this context. */
    public ContextCounters counters() {
        return counters;
    }

    @Override
    public Caller with(CallOptions options) {
        return new ContextCaller(id, name, client, codec, options, decodeExecutor, spin, counters);
    }

    @Override
    public <T> T call(RemoteCallable<T> fn) {
        return defaultCaller.call(fn);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn) {
        return defaultCaller.callAsync(fn);
    }

    @Override
    public void callNoReply(RemoteRunnable fn) {
        defaultCaller.callNoReply(fn);
    }

    @Override
    public Object call(Class<?> type, String method, Object... args) {
        return defaultCaller.call(type, method, args);
    }

    @Override
    public boolean isAlive() {
        return !gone;
    }

    @Override
    public CompletableFuture<ContextDisconnectedException> onDisconnect() {
        return disconnect;
    }

    /** Records that the context is gone. Idempotent. */
    public void markLost(String reason) {
        markLost(new ContextDisconnectedException(name, reason));
    }

    /** Records that the context is gone, with the exception that says why. Idempotent. */
    public void markLost(ContextDisconnectedException why) {
        gone = true;
        disconnect.complete(why);
    }

    /**
     * Records that the context is gone, {@link #isAlive()} false from now on, without completing {@link
     * #onDisconnect()} (whose callbacks are the application's: the caller completes it with {@link #markLost} on a
     * thread of its choosing). Idempotent.
     */
    public void markGone() {
        gone = true;
    }

    @Override
    public void shutdown() {
        shutdown.shutdown(this);
    }

    @Override
    public String toString() {
        return "Context(" + name + ", id=" + id + ")";
    }
}
