package io.econtext.testkit.stub;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Caller;
import io.econtext.CodecException;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.testkit.stub.RecordedCall.Form;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The calls of a {@link StubbedContext} made with one set of options: each is recorded, then answered by a stub or
 * passed on to {@code delegate}, the real context's caller with the same options.
 *
 * <p>Threads: any. Stubbed answers run on the calling thread.
 */
final class StubbedCaller implements Caller {
    private final StubbedContext context;
    private final Caller delegate;
    private final CallOptions options;

    StubbedCaller(StubbedContext context, Caller delegate, CallOptions options) {
        this.context = context;
        this.delegate = delegate;
        this.options = options;
    }

    @Override
    public <T> T call(RemoteCallable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        Received received = receive(CallTarget.ofCall(fn, "call"), fn, Form.CALL);
        RecordedCall record = received.record;
        try {
            T value = received.answer == null ? delegate.call(fn) : this.<T>answer(received);
            record.returned(value);
            return value;
        } catch (RuntimeException e) {
            record.failed(e);
            throw e;
        }
    }

    @Override
    public Object call(Class<?> type, String method, Object... args) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        CallTarget target = CallTarget.of(type, method);
        Answer<?> answer = context.stubs().answerFor(target);
        List<Object> decoded;
        try {
            decoded = context.wire().methodArgs(type, method, args);
        } catch (CodecException e) {
            context.record(target, Arrays.asList(args), Form.CALL_METHOD, options, answer != null)
                    .failed(e);
            throw e;
        }
        RecordedCall record = context.record(target, decoded, Form.CALL_METHOD, options, answer != null);
        try {
            Object value =
                    answer == null ? delegate.call(type, method, args) : answer(new Received(record, answer, decoded));
            record.returned(value);
            return value;
        } catch (RuntimeException e) {
            record.failed(e);
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        Received received = receive(CallTarget.ofCall(fn, "call"), fn, Form.CALL_ASYNC);
        RecordedCall record = received.record;
        if (received.answer != null) {
            try {
                T value = answer(received);
                record.returned(value);
                return CompletableFuture.completedFuture(value);
            } catch (CallTimeoutException e) {
                TimeoutException timeout = new TimeoutException();
                record.failed(timeout);
                return CompletableFuture.failedFuture(timeout);
            } catch (RuntimeException e) {
                record.failed(e);
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> future;
        try {
            future = delegate.callAsync(fn);
        } catch (RuntimeException e) {
            record.failed(e);
            throw e;
        }
        // The caller gets the dependent future, so the record is complete by the time the caller sees the answer.
        return future.whenComplete((value, failure) -> {
            if (failure == null) {
                record.returned(value);
            } else {
                record.failed(
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            }
        });
    }

    @Override
    public void callNoReply(RemoteRunnable fn) {
        Objects.requireNonNull(fn, "fn");
        Received received = receive(CallTarget.ofCall(fn, "run"), fn, Form.CALL_NO_REPLY);
        RecordedCall record = received.record;
        if (received.answer != null) {
            // Nothing comes back from a real one either: its failure is only recorded.
            try {
                record.returned(answer(received));
            } catch (RuntimeException e) {
                record.failed(e);
            }
            return;
        }
        try {
            delegate.callNoReply(fn);
            record.sent();
        } catch (RuntimeException e) {
            record.failed(e);
            throw e;
        }
    }

    /**
     * Records a call of {@code fn} and finds its stub.
     *
     * @throws CodecException as the real call would, when {@code fn} captured a value the codec cannot carry; the
     *     call is recorded as failed, with the captured values as they are here
     */
    private Received receive(CallTarget target, Object fn, Form form) {
        Answer<?> answer = context.stubs().answerFor(target);
        List<Object> args;
        try {
            args = context.wire().capturedArgs(fn);
        } catch (CodecException e) {
            context.record(target, Arrays.asList(CallTarget.capturedArgs(fn)), form, options, answer != null)
                    .failed(e);
            throw e;
        }
        return new Received(context.record(target, args, form, options, answer != null), answer, args);
    }

    /**
     * The stub's answer to a call, as a real context's reply would reach the caller.
     *
     * @throws io.econtext.RemoteCallException what the stub threw
     * @throws CodecException when its value cannot cross the wire, as a real context's answer
     * @throws CallTimeoutException when the answer took longer than the deadline
     */
    @SuppressWarnings("unchecked")
    private <T> T answer(Received received) {
        long start = System.nanoTime();
        Object value;
        try {
            value = received.answer.answer(received.args);
        } catch (Stubbing.WrappedThrowable e) {
            throw context.wire().failure(e.getCause());
        } catch (Throwable t) {
            throw context.wire().failure(t);
        }
        Object decoded = context.wire().result(value);
        if (options.deadline() != null
                && System.nanoTime() - start > options.deadline().toNanos()) {
            throw new CallTimeoutException(context.name(), options.deadline());
        }
        return (T) decoded;
    }

    private static final class Received {
        final RecordedCall record;
        final Answer<?> answer;
        final List<Object> args;

        Received(RecordedCall record, Answer<?> answer, List<Object> args) {
            this.record = record;
            this.answer = answer;
            this.args = args;
        }
    }
}
