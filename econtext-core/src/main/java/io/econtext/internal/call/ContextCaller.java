package io.econtext.internal.call;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.Caller;
import io.econtext.CodecException;
import io.econtext.EcontextException;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.Handles;
import io.econtext.internal.wire.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Makes calls to one context with one set of {@link CallOptions}. Arguments are encoded on the caller's thread, so
 * a value the codec cannot carry fails right there, naming its type.
 *
 * <p>Threads: any. Blocking calls wait on the reply's future; replies are decoded on the caller's thread (or, for
 * async calls, on {@code decodeExecutor}, so that decoding may load classes without blocking a reader).
 */
public final class ContextCaller implements Caller {
    private final int contextId;
    private final String contextName;
    private final CallClient client;
    private final ValueCodec codec;
    private final CallOptions options;
    private final Executor decodeExecutor;
    private final Spin spin;
    private final ContextCounters counters;

    ContextCaller(
            int contextId,
            String contextName,
            CallClient client,
            ValueCodec codec,
            CallOptions options,
            Executor decodeExecutor,
            Spin spin,
            ContextCounters counters) {
        this.contextId = contextId;
        this.contextName = contextName;
        this.client = client;
        this.codec = codec;
        this.options = options;
        this.decodeExecutor = decodeExecutor;
        this.spin = spin;
        this.counters = counters;
    }

    private int flags() {
        return options.concurrent() ? Message.FLAG_CONCURRENT : 0;
    }

    @Override
    public <T> T call(RemoteCallable<T> fn) {
        long start = System.nanoTime();
        return this.<T>await(send(CallRequest.ofLambda(fn), true), start);
    }

    @Override
    public Object call(Class<?> type, String method, Object... args) {
        long start = System.nanoTime();
        return await(send(CallRequest.ofMethod(type, method, args), true), start);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn) {
        long start = System.nanoTime();
        final PendingCall p = send(CallRequest.ofLambda(fn), false);
        Function<Message, T> decode = new Function<Message, T>() {
            @Override
            @SuppressWarnings("unchecked")
            public T apply(Message reply) {
                return (T) Replies.decode(reply, codec, contextName);
            }
        };
        if (options.deadline() != null) {
            // the time spent waiting for room to write the request counts against the deadline
            p.deadline(options.deadline(), timeLeft(start), contextName);
        }
        // futures derived from p cancel the call remotely on cancel(true), see PendingCall
        return decodeExecutor == null ? p.thenApply(decode) : p.thenApplyAsync(decode, decodeExecutor);
    }

    @Override
    public void callNoReply(RemoteRunnable fn) {
        byte[] payload = encode(CallRequest.ofLambda(fn));
        counters.callMade();
        client.send(contextId, Handles.CALL, flags(), payload);
    }

    private PendingCall send(Object request, boolean flush) {
        byte[] payload = encode(request);
        counters.callMade();
        return client.request(
                contextId, Handles.CALL, flags(), payload, flush, options.deadline(), options.maxValueSize(), counters);
    }

    /** The request encoded, within the call's value limit. */
    private byte[] encode(Object request) {
        byte[] payload = codec.encode(request, contextId);
        if (payload.length > options.maxValueSize()) {
            throw new CodecException("the call to context '" + contextName + "' takes " + payload.length
                    + " bytes encoded (its function and arguments), more than its limit of " + options.maxValueSize()
                    + " bytes: raise it with CallOptions.withMaxValueSize, or send the data in chunks through a"
                    + " Sender");
        }
        return payload;
    }

    /** The deadline's time left after the caller waited for room in the stream since {@code start}. */
    private long timeLeft(long start) {
        return Math.max(1, options.deadline().toNanos() - (System.nanoTime() - start));
    }

    @SuppressWarnings("unchecked")
    private <T> T await(PendingCall p, long start) {
        Message reply;
        if (options.deadline() != null) {
            p.expireAfter(options.deadline(), timeLeft(start), contextName); // a reply read late fails the call
        }
        spin.until(p, start);
        try {
            if (options.deadline() == null) {
                reply = p.get();
            } else {
                reply = p.get(timeLeft(start), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            p.countAsFailed();
            client.cancel(p);
            throw new CallTimeoutException(contextName, options.deadline());
        } catch (InterruptedException e) {
            p.countAsFailed();
            client.cancel(p);
            Thread.currentThread().interrupt();
            throw new EcontextException("interrupted while waiting for context '" + contextName + "'", e);
        } catch (ExecutionException e) {
            throw Replies.atCallSite(e.getCause());
        } catch (CompletionException e) {
            throw Replies.atCallSite(e.getCause());
        }
        long nanos = spin.answered(start);
        counters.roundTrip(nanos);
        try {
            return (T) Replies.decode(reply, codec, contextName);
        } catch (RuntimeException e) {
            p.countAsFailed(); // once: an error reply was counted when it arrived
            throw Replies.atCallSite(e);
        }
    }
}
