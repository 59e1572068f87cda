package io.econtext.internal.call;

import io.econtext.internal.codec.LambdaRef;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs what a call names: the implementation method behind a lambda or method reference (found by class, name and
 * descriptor, invoked with the captured values), or a public static method by name and arity. Classes come from the
 * context's class loader, which fetches them from the parent on demand.
 *
 * <p>Threads: call threads; lookups are cached.
 */
public final class Invoker {
    private final ClassLoader loader;
    private final Map<Key, Object> cache = new ConcurrentHashMap<Key, Object>();

    /**
     * What identifies a lambda's implementation; the codec hands out the same String instances each time, so hashing
     * is cheap. A plain class, not a record: a record's first equals/hashCode bootstraps invokedynamic (milliseconds
     * on a child's first call).
     */
    private static final class Key {
        private final String implClass;
        private final String implMethodName;
        private final String implMethodSignature;

        Key(String implClass, String implMethodName, String implMethodSignature) {
            this.implClass = implClass;
            this.implMethodName = implMethodName;
            this.implMethodSignature = implMethodSignature;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return implClass.equals(k.implClass)
                    && implMethodName.equals(k.implMethodName)
                    && implMethodSignature.equals(k.implMethodSignature);
        }

        @Override
        public int hashCode() {
            return (implClass.hashCode() * 31 + implMethodName.hashCode()) * 31 + implMethodSignature.hashCode();
        }
    }

    public Invoker(ClassLoader loader) {
        this.loader = loader;
    }

    Object invoke(LambdaRef ref) throws Throwable {
        Key key = new Key(ref.implClass(), ref.implMethodName(), ref.implMethodSignature());
        Object target = cache.get(key);
        if (target == null) {
            target = find(ref);
            cache.put(key, target);
        }
        Object[] captured = ref.capturedArgs().toArray();
        try {
            if (target instanceof Constructor) {
                return ((Constructor<?>) target).newInstance(captured);
            }
            Method m = (Method) target;
            if (Modifier.isStatic(m.getModifiers())) {
                return m.invoke(null, captured);
            }
            if (captured.length == 0) {
                throw new IllegalArgumentException(
                        "method reference " + m + " needs a receiver, but none was captured");
            }
            Object[] rest = new Object[captured.length - 1];
            System.arraycopy(captured, 1, rest, 0, rest.length);
            return m.invoke(captured[0], rest);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object find(LambdaRef ref) throws ClassNotFoundException, NoSuchMethodException {
        Class<?> type = Class.forName(ref.implClass(), true, loader);
        if (ref.implMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (descriptor(void.class, c.getParameterTypes()).equals(ref.implMethodSignature())) {
                    c.setAccessible(true);
                    return c;
                }
            }
        } else {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(ref.implMethodName())
                        && descriptor(m.getReturnType(), m.getParameterTypes()).equals(ref.implMethodSignature())) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(ref.implClass() + "." + ref.implMethodName() + ref.implMethodSignature()
                + " (the class in this context differs from the caller's)");
    }

    private static String descriptor(Class<?> ret, Class<?>[] params) {
        return MethodType.methodType(ret, params).toMethodDescriptorString();
    }

    Object invokeStatic(String className, String methodName, List<?> args) throws Throwable {
        Class<?> type = Class.forName(className, true, loader);
        Method match = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName)
                    && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == args.size()) {
                if (match != null) {
                    throw new IllegalArgumentException("more than one public static " + className + "." + methodName
                            + " takes " + args.size() + " arguments; call it through a method reference instead");
                }
                match = m;
            }
        }
        if (match == null) {
            throw new NoSuchMethodException("no public static method " + className + "." + methodName + " taking "
                    + args.size() + " arguments");
        }
        // The caller named the class by its Class object, so it could call the method: a public method of a
        // package-private class must not fail with IllegalAccessException here.
        match.trySetAccessible();
        try {
            return match.invoke(null, args.toArray());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
