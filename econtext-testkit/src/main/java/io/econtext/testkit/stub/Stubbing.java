package io.econtext.testkit.stub;

import java.util.Objects;

/**
 * Says how a {@link StubbedContext} answers calls of one method; get one from {@link StubbedContext#when}. Each
 * {@code then*} replaces what an earlier stub of the same method said, and returns the context for the next stub.
 *
 * <pre>{@code
 * web.when(Probes::hostname).thenReturn("web1")
 *    .when(Probes::diskFree).thenThrow(new IOException("disk gone"))
 *    .when(Probes.greeting("anyone")).thenAnswer(args -> "hi " + args.get(0));
 * }</pre>
 *
 * <p>The answer crosses the codec as a real one would: a value it cannot carry fails the call, at call time, with a
 * {@link io.econtext.CodecException} naming the context.
 *
 * @param <T> the stubbed function's result type ({@link Void} for a {@link io.econtext.RemoteRunnable})
 */
public final class Stubbing<T> {
    private final StubbedContext context;
    private final StubTable table;
    private final CallTarget target;

    Stubbing(StubbedContext context, StubTable table, CallTarget target) {
        this.context = context;
        this.table = table;
        this.target = target;
    }

    /** Calls return {@code value}, a fresh decoded copy each time. */
    public StubbedContext thenReturn(T value) {
        table.put(target, args -> value);
        return context;
    }

    /**
     * Calls fail as if the function had thrown {@code failure} over there: the caller gets a {@link
     * io.econtext.RemoteCallException} whose remote type, message, stack and causes are {@code failure}'s.
     */
    public StubbedContext thenThrow(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        table.put(target, args -> {
            throw failure instanceof Exception ? (Exception) failure : new WrappedThrowable(failure);
        });
        return context;
    }

    /** Calls return what {@code answer} returns for their arguments, or fail with what it throws. */
    public StubbedContext thenAnswer(Answer<? extends T> answer) {
        Objects.requireNonNull(answer, "answer");
        table.put(target, answer);
        return context;
    }

    /** Calls return {@code null} at once: for a {@link io.econtext.RemoteRunnable} that should do nothing. */
    public StubbedContext thenDoNothing() {
        table.put(target, args -> null);
        return context;
    }

    /** Lets {@link Answer#answer} throw an {@link Error} given to {@link #thenThrow}; unwrapped before encoding. */
    static final class WrappedThrowable extends Exception {
        private static final long serialVersionUID = 1L;

        WrappedThrowable(Throwable t) {
            super(t);
        }
    }
}
