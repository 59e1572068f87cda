package io.econtext.internal.call;

import io.econtext.CodecException;
import io.econtext.internal.codec.LambdaRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value a CALL message carries, in the value codec's closed set:
 *
 * <pre>
 *   ["f", lambda]                          a serializable lambda or method reference (see LambdaRef)
 *   ["m", className, methodName, [args]]   a public static method chosen by name and arity
 * </pre>
 */
final class CallRequest {
    private CallRequest() {}

    static Object ofLambda(Object lambda) {
        return Arrays.asList("f", lambda);
    }

    static Object ofMethod(Class<?> type, String method, Object[] args) {
        return Arrays.asList("m", type.getName(), method, new ArrayList<Object>(Arrays.asList(args)));
    }

    /** Runs a decoded request with {@code invoker}. */
    static Object run(Object decoded, Invoker invoker) throws Throwable {
        if (!(decoded instanceof List)) {
            throw new CodecException("call request is not a list: " + typeOf(decoded));
        }
        List<?> req = (List<?>) decoded;
        Object kind = req.isEmpty() ? null : req.get(0);
        if ("f".equals(kind) && req.size() == 2 && req.get(1) instanceof LambdaRef) {
            return invoker.invoke((LambdaRef) req.get(1));
        }
        if ("m".equals(kind) && req.size() == 4) {
            return invoker.invokeStatic((String) req.get(1), (String) req.get(2), (List<?>) req.get(3));
        }
        throw new CodecException("malformed call request of kind " + kind);
    }

    private static String typeOf(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
