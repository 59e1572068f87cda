package io.econtext.testkit.stub;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.EcontextException;
import io.econtext.RemoteCallException;
import io.econtext.RemoteThrowable;
import io.econtext.Sender;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.LambdaRef;
import io.econtext.internal.codec.ValueCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends what a stubbed call would carry through the value codec and back, so that a stub accepts and answers only
 * what a real call could. The requests have the core's own shape ({@code ["f", fn]}, {@code ["m", class, method,
 * args]}), so a value the codec refuses fails with the very message a real call would give.
 */
final class CodecRoundTrip {
    private final ValueCodec codec;
    private final String contextName;

    CodecRoundTrip(Context real) {
        this.codec = new ValueCodec(hooksOf(real));
        this.contextName = real.name();
    }

    /** The master's router resolves classes and context references the way replies from {@code real} are decoded. */
    private static CodecHooks hooksOf(Context real) {
        try {
            if (real.router() instanceof CodecHooks) {
                return (CodecHooks) real.router();
            }
        } catch (RuntimeException e) {
            // no router here (a context a child booted for its own calls): decode with the fallback below
        }
        return new FallbackHooks();
    }

    /**
     * The values {@code fn} captured, as the called context would decode them.
     *
     * @throws CodecException as a real call of {@code fn} would
     */
    List<Object> capturedArgs(Object fn) {
        List<?> request = (List<?>) roundTrip(Arrays.asList("f", fn));
        return ((LambdaRef) request.get(1)).capturedArgs();
    }

    /**
     * {@code args} as the called context would decode them.
     *
     * @throws CodecException as a real {@code call(type, method, args)} would
     */
    @SuppressWarnings("unchecked")
    List<Object> methodArgs(Class<?> type, String method, Object[] args) {
        List<?> request = (List<?>)
                roundTrip(Arrays.asList("m", type.getName(), method, new ArrayList<Object>(Arrays.asList(args))));
        return (List<Object>) request.get(3);
    }

    /**
     * {@code value} as the caller would decode it from a reply.
     *
     * @throws CodecException when the codec cannot carry {@code value}, with the message of a real call, whose context
     *     fails to encode its result over there and answers with that failure
     */
    Object result(Object value) {
        try {
            return roundTrip(value);
        } catch (CodecException e) {
            throw new CodecException(
                    "context '" + contextName + "': the result of the call cannot be carried back: " + e.getMessage());
        }
    }

    /** {@code t} as the caller sees a function that threw it over there. */
    RemoteCallException failure(Throwable t) {
        return new RemoteCallException(contextName, (RemoteThrowable) roundTrip(t));
    }

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    /** For a context without a router here: classes from the test's class loader, no references to decode. */
    private static final class FallbackHooks implements CodecHooks {
        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            return Class.forName(binaryName, false, tccl != null ? tccl : CodecRoundTrip.class.getClassLoader());
        }

        @Override
        public Context context(int id, String name) {
            throw new EcontextException("cannot decode a reference to context '" + name + "' without a router");
        }

        @Override
        public Sender<?> sender(int contextId, int handle) {
            throw new EcontextException("cannot decode a sender reference without a router");
        }
    }
}
