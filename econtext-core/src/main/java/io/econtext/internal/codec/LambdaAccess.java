package io.econtext.internal.codec;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads serializable lambdas and method references through the private {@code writeReplace} method that the compiler
 * asks the lambda metafactory to generate, which returns a {@link SerializedLambda}. Per lambda class (one per call
 * site) the encoded identity, everything but the captured values, is cached on the class.
 *
 * <p>Why the captured values are usually read from fields: reflection calls a method of a hidden class (every lambda
 * class) through JNI, about 100 ns, on every call that carries a lambda. So the first encoding of each class checks
 * that its instance fields {@code arg$1..arg$n} hold exactly what {@code writeReplace} reports, and later encodings
 * read those fields instead. A class laid out any other way keeps using {@code writeReplace}.
 */
final class LambdaAccess {
    private static final ClassValue<LambdaAccess> CACHE = new ClassValue<LambdaAccess>() {
        @Override
        protected LambdaAccess computeValue(Class<?> type) {
            return new LambdaAccess(type);
        }
    };

    private final Class<?> type;
    private final Method writeReplace;
    private final RuntimeException failure;
    private final Field[] candidateFields;
    // Benign races: threads may both build these, with the same content. capturedFields is published first.
    private volatile Field[] capturedFields;
    private volatile byte[] header;
    /** The binary name of the capturing class when the implementation is an instance method, else null. */
    private volatile String instanceCapturingClass;

    private LambdaAccess(Class<?> type) {
        this.type = type;
        Method m = null;
        RuntimeException f = null;
        try {
            m = type.getDeclaredMethod("writeReplace");
            m.setAccessible(true);
        } catch (NoSuchMethodException e) {
            m = null;
        } catch (RuntimeException e) {
            f = e;
        }
        this.writeReplace = m;
        this.failure = f;
        this.candidateFields = m == null ? null : argFields(type);
    }

    /** Only for synthetic classes. */
    static LambdaAccess of(Class<?> syntheticClass) {
        return CACHE.get(syntheticClass);
    }

    /** True for a class the lambda metafactory spun, serializable or not. */
    static boolean isLambdaClass(Class<?> type) {
        return type.isSynthetic() && type.getName().contains("$$Lambda");
    }

    /** The instance fields {@code arg$1..arg$n} in order, accessible, or {@code null} if the class has others. */
    private static Field[] argFields(Class<?> type) {
        Field[] declared = type.getDeclaredFields();
        int count = 0;
        for (Field field : declared) {
            if (!Modifier.isStatic(field.getModifiers())) {
                count++;
            }
        }
        Field[] ordered = new Field[count];
        try {
            for (Field field : declared) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String name = field.getName();
                int index = name.startsWith("arg$") ? Integer.parseInt(name.substring(4)) - 1 : -1;
                if (index < 0 || index >= count || ordered[index] != null) {
                    return null;
                }
                field.setAccessible(true);
                ordered[index] = field;
            }
        } catch (RuntimeException e) {
            // NumberFormatException or InaccessibleObjectException: fall back to writeReplace.
            return null;
        }
        return ordered;
    }

    /**
     * The encoded tag and identity of {@code lambda}, up to and excluding its captured values; see {@link
     * Tags#LAMBDA}.
     *
     * @throws EncodeFailure when the class is not a serializable lambda
     */
    byte[] header(Object lambda) {
        byte[] h = header;
        if (h == null) {
            SerializedLambda serialized = serialize(lambda);
            capturedFields = verifiedFields(lambda, serialized);
            instanceCapturingClass = serialized.getImplMethodKind() == MethodHandleInfo.REF_invokeStatic
                    ? null
                    : binaryName(serialized.getCapturingClass());
            h = encodeHeader(serialized);
            header = h;
        }
        return h;
    }

    /**
     * The class of {@code captured} when it is the {@code this} of the lambda's enclosing class: captured value 0 of a
     * lambda whose implementation is an instance method, an instance of the capturing class. Else {@code null}. Call
     * {@link #header(Object)} first.
     */
    Class<?> capturedThis(int index, Object captured) {
        String capturing = instanceCapturingClass;
        if (index != 0 || capturing == null || captured == null) {
            return null;
        }
        for (Class<?> c = captured.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(capturing)) {
                return c;
            }
        }
        return null;
    }

    /** The captured values of {@code lambda}, in order. Call {@link #header(Object)} first. */
    Object[] capturedArgs(Object lambda) {
        Field[] fields = capturedFields;
        if (fields != null) {
            Object[] args = new Object[fields.length];
            try {
                for (int i = 0; i < fields.length; i++) {
                    args[i] = fields[i].get(lambda);
                }
                return args;
            } catch (IllegalAccessException | RuntimeException e) {
                capturedFields = null;
            }
        }
        SerializedLambda serialized = serialize(lambda);
        Object[] args = new Object[serialized.getCapturedArgCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = serialized.getCapturedArg(i);
        }
        return args;
    }

    private Field[] verifiedFields(Object lambda, SerializedLambda serialized) {
        Field[] fields = candidateFields;
        if (fields == null || fields.length != serialized.getCapturedArgCount()) {
            return null;
        }
        try {
            for (int i = 0; i < fields.length; i++) {
                Object fromField = fields[i].get(lambda);
                Object reported = serialized.getCapturedArg(i);
                boolean same = fields[i].getType().isPrimitive() ? fromField.equals(reported) : fromField == reported;
                if (!same) {
                    return null;
                }
            }
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
        return fields;
    }

    private SerializedLambda serialize(Object lambda) {
        if (failure != null) {
            throw EncodeFailure.inaccessible(type, "making writeReplace() accessible", failure);
        }
        if (writeReplace == null) {
            throw isLambdaClass(type) ? EncodeFailure.lambdaNotSerializable(type) : EncodeFailure.unsupported(type);
        }
        Object replaced;
        try {
            replaced = writeReplace.invoke(lambda);
        } catch (InvocationTargetException e) {
            throw EncodeFailure.inaccessible(type, "writeReplace()", e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw EncodeFailure.inaccessible(type, "writeReplace()", e);
        }
        if (!(replaced instanceof SerializedLambda)) {
            throw EncodeFailure.unsupported(type);
        }
        return (SerializedLambda) replaced;
    }

    private static byte[] encodeHeader(SerializedLambda lambda) {
        ByteSink out = new ByteSink(192);
        out.writeByte(Tags.LAMBDA);
        out.writeUtf8(binaryName(lambda.getCapturingClass()));
        out.writeUtf8(binaryName(lambda.getImplClass()));
        out.writeUtf8(lambda.getImplMethodName());
        out.writeUtf8(lambda.getImplMethodSignature());
        out.writeVarInt(lambda.getImplMethodKind());
        out.writeUtf8(lambda.getInstantiatedMethodType());
        return out.toByteArray();
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }
}
