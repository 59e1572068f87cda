package io.econtext.internal.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The accessors and canonical constructor of one record class, made accessible once and cached on the class. If
 * reflection is refused (a record in a module that is not open to econtext), the failure is kept and reported by
 * {@link #failure()} every time the class is used.
 */
final class RecordAccess {
    private static final ClassValue<RecordAccess> CACHE = new ClassValue<RecordAccess>() {
        @Override
        protected RecordAccess computeValue(Class<?> type) {
            return new RecordAccess(type);
        }
    };

    private final String[] names;
    private final Method[] accessors;
    private final Constructor<?> constructor;
    private final RuntimeException failure;

    private RecordAccess(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        String[] n = new String[components.length];
        Method[] a = new Method[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Constructor<?> c = null;
        RuntimeException f = null;
        try {
            for (int i = 0; i < components.length; i++) {
                n[i] = components[i].getName();
                a[i] = components[i].getAccessor();
                a[i].setAccessible(true);
                parameterTypes[i] = components[i].getType();
            }
            c = type.getDeclaredConstructor(parameterTypes);
            c.setAccessible(true);
        } catch (NoSuchMethodException e) {
            f = new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        } catch (RuntimeException e) {
            // InaccessibleObjectException or SecurityException: the module does not open the record to us.
            f = e;
        }
        this.names = n;
        this.accessors = a;
        this.constructor = c;
        this.failure = f;
    }

    /** Only for classes where {@link Class#isRecord()} holds. */
    static RecordAccess of(Class<?> recordClass) {
        return CACHE.get(recordClass);
    }

    /** Why this record cannot be used by reflection, or {@code null}. */
    RuntimeException failure() {
        return failure;
    }

    int componentCount() {
        return names.length;
    }

    String componentName(int i) {
        return names[i];
    }

    Method accessor(int i) {
        return accessors[i];
    }

    Constructor<?> constructor() {
        return constructor;
    }
}
