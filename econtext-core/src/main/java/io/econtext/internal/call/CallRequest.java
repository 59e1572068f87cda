package io.econtext.internal.call;

import io.econtext.CodecException;
import io.econtext.internal.codec.LambdaRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value a CALL message carries, in the value codec's closed set, and the request it decodes into:
 *
 * <pre>
 *   ["f", lambda]                          a serializable lambda or method reference (see LambdaRef)
 *   ["m", className, methodName, [args]]   a public static method chosen by name and arity
 * </pre>
 *
 * @param lambda the function to run, or {@code null} for a method chosen by name
 * @param className for a method chosen by name: its class
 * @param methodName for a method chosen by name: its name
 * @param args for a method chosen by name: its arguments
 */
record CallRequest(LambdaRef lambda, String className, String methodName, List<?> args) {
    static Object ofLambda(Object lambda) {
        return Arrays.asList("f", lambda);
    }

    static Object ofMethod(Class<?> type, String method, Object[] args) {
        return Arrays.asList("m", type.getName(), method, new ArrayList<Object>(Arrays.asList(args)));
    }

    /**
     * The request {@code decoded} holds.
     *
     * @throws CodecException when it is anything else
     */
    static CallRequest fromWire(Object decoded) {
        if (!(decoded instanceof List)) {
            throw new CodecException("call request is not a list: " + typeOf(decoded));
        }
        List<?> req = (List<?>) decoded;
        Object kind = req.isEmpty() ? null : req.get(0);
        if ("f".equals(kind) && req.size() == 2 && req.get(1) instanceof LambdaRef) {
            return new CallRequest((LambdaRef) req.get(1), null, null, null);
        }
        if ("m".equals(kind)
                && req.size() == 4
                && req.get(1) instanceof String
                && req.get(2) instanceof String
                && req.get(3) instanceof List) {
            return new CallRequest(null, (String) req.get(1), (String) req.get(2), (List<?>) req.get(3));
        }
        throw new CodecException("malformed call request of kind " + kind);
    }

    /** True for a method chosen by name of class {@code name}. */
    boolean isMethodOf(String name) {
        return lambda == null && name.equals(className);
    }

    /** Runs the request with {@code invoker}. */
    Object run(Invoker invoker) throws Throwable {
        return lambda != null ? invoker.invoke(lambda) : invoker.invokeStatic(className, methodName, args);
    }

    private static String typeOf(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
