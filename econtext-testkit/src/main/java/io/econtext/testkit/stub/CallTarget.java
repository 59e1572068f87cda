package io.econtext.testkit.stub;

import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * The method a call runs, as stubs and recorded calls name it: the class and name of a function's implementation
 * method, read from its {@link SerializedLambda}, and its JVM descriptor when known.
 *
 * <pre>{@code
 * CallTarget.of(Probes::hostname);               // io.acme.Probes.hostname, descriptor ()Ljava/lang/String;
 * CallTarget.of(Probes.class, "hostname");       // io.acme.Probes.hostname, any descriptor
 * }</pre>
 *
 * <p>A method reference names the method it refers to. A lambda names the synthetic method the compiler made of its
 * body ({@code lambda$test$0} in the class that wrote it): every evaluation of that one lambda expression has the same
 * target, whatever it captured, and two lambdas written apart never do. Immutable.
 */
public final class CallTarget {
    private final String className;
    private final String methodName;
    private final String descriptor;

    private CallTarget(String className, String methodName, String descriptor) {
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
    }

    /** The implementation method of {@code fn}, a lambda or method reference. */
    public static CallTarget of(RemoteCallable<?> fn) {
        return ofFunction(fn);
    }

    /** The implementation method of {@code fn}, a lambda or method reference. */
    public static CallTarget of(RemoteRunnable fn) {
        return ofFunction(fn);
    }

    /** Method {@code method} of {@code type}, whatever its descriptor: what {@code call(type, method, args)} names. */
    public static CallTarget of(Class<?> type, String method) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        return new CallTarget(type.getName(), method, null);
    }

    private static CallTarget ofFunction(Object fn) {
        Objects.requireNonNull(fn, "fn");
        SerializedLambda s = serialized(fn);
        if (s == null) {
            throw new IllegalArgumentException("fn : an instance of "
                    + fn.getClass().getName() + " (expected: a lambda or method reference, e.g. Probes::hostname)");
        }
        return fromLambda(s);
    }

    /** The target of a call of {@code fn}; never fails, so that a call the codec will refuse is still recorded. */
    static CallTarget ofCall(Object fn, String functionalMethod) {
        SerializedLambda s = serialized(fn);
        return s == null ? new CallTarget(fn.getClass().getName(), functionalMethod, null) : fromLambda(s);
    }

    private static CallTarget fromLambda(SerializedLambda s) {
        return new CallTarget(s.getImplClass().replace('/', '.'), s.getImplMethodName(), s.getImplMethodSignature());
    }

    /** The values {@code fn} captured, as they are here, or none if it is not a serializable lambda. */
    static Object[] capturedArgs(Object fn) {
        SerializedLambda s = serialized(fn);
        Object[] args = new Object[s == null ? 0 : s.getCapturedArgCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.getCapturedArg(i);
        }
        return args;
    }

    // The same private writeReplace() the core's codec reads: the compiler has the metafactory generate it for every
    // serializable lambda.
    private static SerializedLambda serialized(Object fn) {
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(fn);
            return replaced instanceof SerializedLambda ? (SerializedLambda) replaced : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Binary name of the class declaring the method, e.g. {@code io.acme.Probes}. */
    public String className() {
        return className;
    }

    /** E.g. {@code hostname}, or {@code lambda$test$0} for a lambda. */
    public String methodName() {
        return methodName;
    }

    /** The method's JVM descriptor, e.g. {@code ()Ljava/lang/String;}, or {@code null} when any will do. */
    public String descriptor() {
        return descriptor;
    }

    /** True for the synthetic method of a lambda body rather than a method named by a method reference. */
    public boolean isLambda() {
        return methodName.startsWith("lambda$");
    }

    /**
     * True when {@code other} names the same method: same class and name, and the same descriptor where both know
     * theirs. So {@code of(Probes.class, "hostname")} matches {@code of(Probes::hostname)} and the other way round.
     */
    public boolean matches(CallTarget other) {
        return className.equals(other.className)
                && methodName.equals(other.methodName)
                && (descriptor == null || other.descriptor == null || descriptor.equals(other.descriptor));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CallTarget)) {
            return false;
        }
        CallTarget t = (CallTarget) o;
        return className.equals(t.className)
                && methodName.equals(t.methodName)
                && Objects.equals(descriptor, t.descriptor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, methodName, descriptor);
    }

    /** {@code io.acme.Probes.hostname}. */
    @Override
    public String toString() {
        return className + "." + methodName;
    }
}
