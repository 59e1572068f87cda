package io.econtext.internal.codec;

import io.econtext.CodecException;
import io.econtext.TypeCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TypeCodec}s of one context, named by their classes' binary names. In the master the list is the router
 * options' and the codecs are made at once ({@link #load}); in a child it is what the parent named in the boot request,
 * and the codecs are loaded on first use ({@link #lazy}), through the child's class loader, which fetches them from the
 * parent. A payload may name only a codec of this list: an unknown name fails before any class is looked up.
 *
 * <p>Thread-safe; lookups after the first are a map read.
 */
public final class TypeCodecs {
    /** No codecs: what a context has when the master registered none. */
    public static final TypeCodecs NONE = new TypeCodecs(List.of(), null);

    private static final Object NO_CODEC = new Object();

    private final List<String> names;
    private final ClassLoader loader;
    private volatile Map<String, TypeCodec<Object>> byName;
    private volatile List<TypeCodec<Object>> inOrder;
    private final ConcurrentHashMap<Class<?>, Object> byType = new ConcurrentHashMap<>();

    private TypeCodecs(List<String> names, ClassLoader loader) {
        this.names = List.copyOf(names);
        this.loader = loader;
    }

    /**
     * The codecs of {@code classes}, made now: the master's.
     *
     * @throws IllegalArgumentException naming the first class that is not a usable codec
     */
    public static TypeCodecs load(List<? extends Class<?>> classes) {
        if (classes.isEmpty()) {
            return NONE;
        }
        List<String> names = new ArrayList<>(classes.size());
        for (Class<?> c : classes) {
            names.add(c.getName());
        }
        TypeCodecs codecs = new TypeCodecs(names, null);
        try {
            codecs.fill(classes);
        } catch (CodecException e) {
            throw new IllegalArgumentException(e.getMessage(), e.getCause());
        }
        return codecs;
    }

    /** The codecs named {@code classNames}, loaded from {@code loader} when first needed. */
    public static TypeCodecs lazy(List<String> classNames, ClassLoader loader) {
        return classNames.isEmpty() ? NONE : new TypeCodecs(classNames, loader);
    }

    /** The binary names of the codec classes, in registration order: what a child's children are told. */
    public List<String> names() {
        return names;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The codec registered under {@code name}, or {@code null} when this context was told of none by that name. */
    TypeCodec<Object> byName(String name) {
        if (!names.contains(name)) {
            return null;
        }
        return loaded().get(name);
    }

    /** The first codec whose type {@code c} is, or {@code null}. */
    @SuppressWarnings("unchecked")
    TypeCodec<Object> forType(Class<?> c) {
        if (names.isEmpty()) {
            return null;
        }
        Object found = byType.get(c);
        if (found == null) {
            found = NO_CODEC;
            for (TypeCodec<Object> codec : inOrder()) {
                if (codec.type().isAssignableFrom(c)) {
                    found = codec;
                    break;
                }
            }
            byType.put(c, found);
        }
        return found == NO_CODEC ? null : (TypeCodec<Object>) found;
    }

    /** True when a codec is registered for exactly {@code c}: an array of {@code c} may then be decoded. */
    boolean registersExactly(Class<?> c) {
        if (names.isEmpty()) {
            return false;
        }
        for (TypeCodec<Object> codec : inOrder()) {
            if (codec.type() == c) {
                return true;
            }
        }
        return false;
    }

    private List<TypeCodec<Object>> inOrder() {
        loaded();
        return inOrder;
    }

    /**
     * The codecs, made on first use from the names through the loader (in a child, which fetches the classes from its
     * parent).
     *
     * @throws CodecException when a class is missing or not a usable codec
     */
    private Map<String, TypeCodec<Object>> loaded() {
        Map<String, TypeCodec<Object>> m = byName;
        if (m == null) {
            synchronized (this) {
                m = byName;
                if (m == null) {
                    List<Class<?>> classes = new ArrayList<>(names.size());
                    for (String name : names) {
                        try {
                            classes.add(Class.forName(name, false, loader));
                        } catch (ClassNotFoundException | LinkageError e) {
                            throw new CodecException("type codec " + name + ": class not found (" + e + ")", e);
                        }
                    }
                    m = fill(classes);
                }
            }
        }
        return m;
    }

    private synchronized Map<String, TypeCodec<Object>> fill(List<? extends Class<?>> classes) {
        List<TypeCodec<Object>> order = new ArrayList<>(classes.size());
        Map<String, TypeCodec<Object>> map = new HashMap<>();
        Map<Class<?>, String> types = new HashMap<>();
        for (Class<?> c : classes) {
            TypeCodec<Object> codec = instantiate(c);
            String twin = types.put(codec.type(), c.getName());
            if (twin != null) {
                throw new CodecException("type codecs " + twin + " and " + c.getName() + " both carry "
                        + codec.type().getName() + " (expected: one codec a type)");
            }
            order.add(codec);
            map.put(c.getName(), codec);
        }
        inOrder = Collections.unmodifiableList(order);
        Map<String, TypeCodec<Object>> m = Collections.unmodifiableMap(map);
        byName = m;
        return m;
    }

    @SuppressWarnings("unchecked")
    private static TypeCodec<Object> instantiate(Class<?> c) {
        String name = c.getName();
        if (!TypeCodec.class.isAssignableFrom(c)) {
            throw new CodecException("type codec " + name + " does not implement " + TypeCodec.class.getName());
        }
        if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
            throw new CodecException("type codec " + name + " must be a public, concrete class");
        }
        TypeCodec<Object> codec;
        try {
            Constructor<?> constructor = c.getConstructor();
            codec = (TypeCodec<Object>) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new CodecException("type codec " + name + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new CodecException("type codec " + name + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new CodecException("type codec " + name + " cannot be made: " + e, e);
        }
        Class<?> type = codec.type();
        if (type == null) {
            throw new CodecException("type codec " + name + ": type() returned null");
        }
        String builtIn = CarriedTypes.builtInRule(type);
        if (builtIn != null) {
            throw new CodecException("type codec " + name + " carries " + type.getName() + ", which econtext carries"
                    + " itself (" + builtIn + "): register codecs only for types it does not carry");
        }
        return codec;
    }
}
