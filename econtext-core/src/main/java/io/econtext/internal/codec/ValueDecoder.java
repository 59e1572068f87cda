package io.econtext.internal.codec;

import io.econtext.CodecException;
import io.econtext.Secret;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Reads one value in the layout of {@link Tags}, for one payload. Containers deeper than {@link ValueCodec#MAX_DEPTH}
 * and counts larger than the remaining bytes could hold are rejected before any allocation.
 */
final class ValueDecoder {
    // Containers start no larger than this and grow as elements arrive. Presizing from the declared count would let
    // a corrupt payload nest 64 lists that each declare all remaining bytes: 64 allocations of 4 bytes per byte.
    private static final int MAX_INITIAL_CAPACITY = 1024;

    private final ByteSource in;
    private final CodecHooks hooks;
    private final LambdaRefCache lambdas;

    ValueDecoder(ByteSource in, CodecHooks hooks, LambdaRefCache lambdas) {
        this.in = in;
        this.hooks = hooks;
        this.lambdas = lambdas;
    }

    /** Reads the value that sits {@code depth} containers below the top-level value. */
    Object read(int depth) {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case Tags.NULL:
                return null;
            case Tags.FALSE:
                return Boolean.FALSE;
            case Tags.TRUE:
                return Boolean.TRUE;
            case Tags.BYTE:
                return (byte) in.readUnsignedByte();
            case Tags.SHORT:
                return (short) in.readShort();
            case Tags.CHAR:
                return (char) in.readShort();
            case Tags.INT:
                return in.readZigZagInt();
            case Tags.LONG:
                return in.readZigZagLong();
            case Tags.FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case Tags.DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case Tags.STRING:
                return in.readString();
            case Tags.BYTES:
                byte[] bytes = new byte[in.readCount(1)];
                in.readBytes(bytes);
                return bytes;
            case Tags.INTS:
                return readInts();
            case Tags.LONGS:
                return readLongs();
            case Tags.DOUBLES:
                return readDoubles();
            case Tags.LIST:
                checkDepth(depth);
                int size = in.readCount(1);
                return readElements(new ArrayList<Object>(Math.min(size, MAX_INITIAL_CAPACITY)), size, depth);
            case Tags.SET:
                checkDepth(depth);
                int count = in.readCount(1);
                return readElements(new LinkedHashSet<Object>(initialCapacity(count)), count, depth);
            case Tags.MAP:
                checkDepth(depth);
                return readMap(depth);
            case Tags.ENUM:
                return readEnum();
            case Tags.RECORD:
                checkDepth(depth);
                return readRecord(depth);
            case Tags.THROWABLE:
                checkDepth(depth);
                return ThrowableCodec.decode(in, depth);
            case Tags.LAMBDA:
                checkDepth(depth);
                return readLambda(depth);
            case Tags.SECRET:
                return readSecret();
            case Tags.CONTEXT:
                return readContext();
            case Tags.SENDER:
                return readSender();
            default:
                throw new CodecException("malformed payload at offset " + (in.offset() - 1) + ": unknown tag 0x"
                        + Integer.toHexString(tag));
        }
    }

    private void checkDepth(int depth) {
        if (depth >= ValueCodec.MAX_DEPTH) {
            throw in.malformed("values nested deeper than " + ValueCodec.MAX_DEPTH + " levels");
        }
    }

    private static int initialCapacity(int count) {
        // HashMap's own sizing: capacity for count entries at load factor 0.75.
        return (int) Math.min(MAX_INITIAL_CAPACITY, count / 0.75f + 1);
    }

    private int[] readInts() {
        int[] ints = new int[in.readCount(1)];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = in.readZigZagInt();
        }
        return ints;
    }

    private long[] readLongs() {
        long[] longs = new long[in.readCount(1)];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = in.readZigZagLong();
        }
        return longs;
    }

    private double[] readDoubles() {
        double[] doubles = new double[in.readCount(8)];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = Double.longBitsToDouble(in.readLong());
        }
        return doubles;
    }

    private Collection<Object> readElements(Collection<Object> into, int count, int depth) {
        for (int i = 0; i < count; i++) {
            into.add(read(depth + 1));
        }
        return into;
    }

    private Map<Object, Object> readMap(int depth) {
        int count = in.readCount(2);
        Map<Object, Object> map = new LinkedHashMap<>(initialCapacity(count));
        for (int i = 0; i < count; i++) {
            Object key = read(depth + 1);
            map.put(key, read(depth + 1));
        }
        return map;
    }

    private Class<?> resolve(String kind, String className) {
        try {
            return hooks.resolveClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CodecException(
                    "cannot decode " + kind + " " + className + ": class not found here (" + e + ")", e);
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode " + kind + " " + className + ": resolving it failed: " + e, e);
        }
    }

    private Object readEnum() {
        String className = in.readString();
        String constant = in.readString();
        Class<?> type = resolve("enum", className);
        if (!type.isEnum()) {
            throw new CodecException("cannot decode enum " + className + ": the class here is not an enum");
        }
        try {
            return enumConstant(type, constant);
        } catch (IllegalArgumentException e) {
            throw new CodecException("cannot decode enum " + className + ": it has no constant " + constant + " here");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private Object readRecord(int depth) {
        String className = in.readString();
        int count = in.readCount(1);
        Class<?> type = resolve("record", className);
        if (!type.isRecord()) {
            throw new CodecException("cannot decode record " + className + ": the class here is not a record");
        }
        RecordAccess access = RecordAccess.of(type);
        if (access.failure() != null) {
            throw new CodecException(
                    "cannot decode record " + className + ": reflection refused: " + access.failure(),
                    access.failure());
        }
        if (count != access.componentCount()) {
            throw new CodecException("cannot decode record " + className + ": payload carries " + count
                    + " components, the class here has " + access.componentCount());
        }
        Object[] components = new Object[count];
        for (int i = 0; i < count; i++) {
            components[i] = read(depth + 1);
        }
        Constructor<?> constructor = access.constructor();
        try {
            return constructor.newInstance(components);
        } catch (InvocationTargetException e) {
            throw new CodecException(
                    "cannot decode record " + className + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new CodecException(
                    "cannot decode record " + className + ": components do not match its constructor: " + e, e);
        }
    }

    private LambdaRef readLambda(int depth) {
        LambdaRef identity = lambdas.readIdentity(in);
        int count = in.readCount(1);
        ArrayList<Object> captured = new ArrayList<>(Math.min(count, MAX_INITIAL_CAPACITY));
        readElements(captured, count, depth);
        return new LambdaRef(
                identity.capturingClass(),
                identity.implClass(),
                identity.implMethodName(),
                identity.implMethodSignature(),
                identity.implMethodKind(),
                identity.instantiatedMethodType(),
                captured);
    }

    private Secret readSecret() {
        char[] chars = new char[in.readCount(2)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) in.readShort();
        }
        try {
            return Secret.of(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private Object readContext() {
        int id = in.readVarInt();
        String name = in.readString();
        try {
            return hooks.context(id, name);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode reference to context " + id + " (" + name + "): " + e, e);
        }
    }

    private Object readSender() {
        int contextId = in.readVarInt();
        int handle = in.readVarInt();
        try {
            return hooks.sender(contextId, handle);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException(
                    "cannot decode reference to sender " + handle + " of context " + contextId + ": " + e, e);
        }
    }
}
