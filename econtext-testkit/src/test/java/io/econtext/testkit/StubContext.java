package io.econtext.testkit;

import io.econtext.CallOptions;
import io.econtext.Caller;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextInfo;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.Router;
import java.util.concurrent.CompletableFuture;

/**
 * A context that is only a name, an info and a state, for failure messages that need exact values; it runs nothing.
 */
public final class StubContext implements Context {
    private final ContextInfo info;
    private final CompletableFuture<ContextDisconnectedException> disconnect = new CompletableFuture<>();

    private StubContext(ContextInfo info) {
        this.info = info;
    }

    /** A live context {@code name}, pid 42 on host {@code box}, running as {@code alice}. */
    public static StubContext named(String name) {
        return new StubContext(new ContextInfo(name, 42, "alice", "box", "17", "/usr/lib/jvm/17", 100));
    }

    /** Makes it gone, for {@code reason}. */
    public StubContext disconnect(String reason) {
        disconnect.complete(new ContextDisconnectedException(info.name(), reason));
        return this;
    }

    @Override
    public int id() {
        return 7;
    }

    @Override
    public Router router() {
        throw new IllegalStateException("a stub has no router");
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public ContextInfo info() {
        return info;
    }

    @Override
    public Caller with(CallOptions options) {
        return this;
    }

    @Override
    public boolean isAlive() {
        return !disconnect.isDone();
    }

    @Override
    public CompletableFuture<ContextDisconnectedException> onDisconnect() {
        return disconnect;
    }

    @Override
    public void shutdown() {
        disconnect("shut down");
    }

    @Override
    public <T> T call(RemoteCallable<T> fn) {
        throw new UnsupportedOperationException("a stub runs nothing");
    }

    @Override
    public <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn) {
        throw new UnsupportedOperationException("a stub runs nothing");
    }

    @Override
    public void callNoReply(RemoteRunnable fn) {
        throw new UnsupportedOperationException("a stub runs nothing");
    }

    @Override
    public Object call(Class<?> type, String method, Object... args) {
        throw new UnsupportedOperationException("a stub runs nothing");
    }
}
