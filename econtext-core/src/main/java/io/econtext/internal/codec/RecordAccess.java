package io.econtext.internal.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The accessors and canonical constructor of one record class, made accessible once and cached on the class. If
 * reflection is refused (a record in a module that is not open to econtext), the failure is kept and reported by
 * {@link #failure()} every time the class is used.
 *
 * <p>Accessors are called through method handles of type {@code (Object)Object}, made once: a reflective {@code
 * Method.invoke} per component checks access and copies its arguments every time, which made a list of small records
 * encode at a third of the speed.
 */
final class RecordAccess {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private static final ClassValue<RecordAccess> CACHE = new ClassValue<RecordAccess>() {
        @Override
        protected RecordAccess computeValue(Class<?> type) {
            return new RecordAccess(type);
        }
    };

    private static final ClassValue<Boolean> IS_RECORD = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord();
        }
    };

    private final Class<?> type;
    /** The class's binary name as a {@code str} of {@link Tags} (varint length, UTF-8), as every instance starts. */
    private final byte[] encodedName;

    private final String[] names;
    private final MethodHandle[] getters;
    /** {@code (Object)Object[]}: all components at once, one call through a handle that inlines every accessor. */
    private final MethodHandle all;

    private final Constructor<?> constructor;
    private final RuntimeException failure;

    private RecordAccess(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        String[] n = new String[components.length];
        MethodHandle[] g = new MethodHandle[components.length];
        MethodHandle h = null;
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Constructor<?> c = null;
        RuntimeException f = null;
        try {
            for (int i = 0; i < components.length; i++) {
                n[i] = components[i].getName();
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                g[i] = MethodHandles.lookup().unreflect(accessor).asType(GETTER);
                parameterTypes[i] = components[i].getType();
            }
            h = allComponents(g);
            c = type.getDeclaredConstructor(parameterTypes);
            c.setAccessible(true);
        } catch (NoSuchMethodException e) {
            f = new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        } catch (IllegalAccessException e) {
            f = new IllegalStateException("record " + type.getName() + ": accessor refused: " + e, e);
        } catch (RuntimeException e) {
            // InaccessibleObjectException or SecurityException: the module does not open the record to us.
            f = e;
        }
        ByteSink name = new ByteSink(type.getName().length() + 5);
        name.writeUtf8(type.getName());
        this.type = type;
        this.encodedName = name.toByteArray();
        this.names = n;
        this.getters = g;
        this.all = h;
        this.constructor = c;
        this.failure = f;
    }

    /** {@code (Object)Object[]}: the array of what each of {@code getters} returns for the one argument. */
    private static MethodHandle allComponents(MethodHandle[] getters) {
        int n = getters.length;
        MethodHandle collect = MethodHandles.identity(Object[].class).asCollector(Object[].class, n);
        MethodHandle filtered = MethodHandles.filterArguments(collect, 0, getters);
        return MethodHandles.permuteArguments(
                filtered, MethodType.methodType(Object[].class, Object.class), new int[n]);
    }

    /**
     * {@link Class#isRecord()}, answered from the cache: that method asks the JVM (a native call) every time, which took
     * a fifth of the time to encode a list of small records.
     */
    static boolean isRecord(Class<?> type) {
        return IS_RECORD.get(type);
    }

    /** Only for classes where {@link Class#isRecord()} holds. */
    static RecordAccess of(Class<?> recordClass) {
        return CACHE.get(recordClass);
    }

    /** Why this record cannot be used by reflection, or {@code null}. */
    RuntimeException failure() {
        return failure;
    }

    /** The record class. */
    Class<?> type() {
        return type;
    }

    /** The class's binary name, encoded as a {@code str}: copied into each record's encoding instead of encoded. */
    byte[] encodedName() {
        return encodedName;
    }

    int componentCount() {
        return names.length;
    }

    String componentName(int i) {
        return names[i];
    }

    /**
     * The values of all components of {@code record}, an instance of this class, in declaration order.
     *
     * @throws Throwable what an accessor threw ({@link #component} tells which)
     */
    Object[] components(Object record) throws Throwable {
        return (Object[]) all.invokeExact(record);
    }

    /**
     * The value of component {@code i} of {@code record}, an instance of this class.
     *
     * @throws Throwable what the accessor threw
     */
    Object component(int i, Object record) throws Throwable {
        return (Object) getters[i].invokeExact(record);
    }

    Constructor<?> constructor() {
        return constructor;
    }
}
