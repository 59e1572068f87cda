package io.econtext;

import java.util.concurrent.CompletableFuture;

/**
 * Runs functions in one context. Arguments and results cross the wire through the value codec: a value of a type it
 * cannot carry fails that call with a {@link CodecException} naming the type.
 *
 * <p>Threads: every method may be called from any thread; the blocking ones wait on a latch, never on an I/O thread.
 */
public interface Caller {
    /** Runs {@code fn} there and returns its result; its exception comes back as a {@link RemoteCallException}. */
    <T> T call(RemoteCallable<T> fn);

    /**
     * Like {@link #call(RemoteCallable)}, without waiting. The future fails as {@code call} would throw (a passed
     * deadline: {@link CallTimeoutException}); {@code cancel(true)} on it, or on a future derived from it, cancels the
     * call in the context (a call not started is dropped, a running one interrupted).
     */
    <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn);

    /** Runs {@code fn} there; nothing comes back, not even its failure (it is logged there, and forwarded here). */
    void callNoReply(RemoteRunnable fn);

    /** Calls the public static {@code method} of {@code type} with {@code args}, chosen by name and arity. */
    Object call(Class<?> type, String method, Object... args);
}
