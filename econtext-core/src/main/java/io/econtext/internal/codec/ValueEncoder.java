package io.econtext.internal.codec;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.Sender;
import io.econtext.TypeCodec;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one value of the closed set in the layout of {@link Tags}. The common scalar types are dispatched on their
 * exact class first, so a small call payload costs a handful of comparisons per value.
 *
 * <p>Failures unwind as {@link EncodeFailure}, collecting the path on the way out; the sink is then left with a
 * partial value that {@link ValueCodec} truncates.
 */
final class ValueEncoder {
    private ValueEncoder() {}

    /**
     * Writes {@code v}, which sits {@code depth} containers below the top-level value; a value no built-in rule carries
     * goes through the {@link CodecHooks#typeCodecs()} of {@code hooks}, which are asked only then.
     */
    static void write(ByteSink out, Object v, int depth, CodecHooks hooks) {
        if (v == null) {
            out.writeByte(Tags.NULL);
            return;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            out.writeTaggedUtf8(Tags.STRING, (String) v);
        } else if (c == Integer.class) {
            out.writeByte(Tags.INT);
            writeZigZag(out, (Integer) v);
        } else if (c == Long.class) {
            out.writeByte(Tags.LONG);
            writeZigZag(out, (Long) v);
        } else if (c == Boolean.class) {
            out.writeByte((Boolean) v ? Tags.TRUE : Tags.FALSE);
        } else if (c == Double.class) {
            out.writeByte(Tags.DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) v));
        } else if (c == Float.class) {
            out.writeByte(Tags.FLOAT);
            out.writeInt(Float.floatToRawIntBits((Float) v));
        } else if (c == Short.class) {
            out.writeByte(Tags.SHORT);
            out.writeShort((Short) v);
        } else if (c == Byte.class) {
            out.writeByte(Tags.BYTE);
            out.writeByte((Byte) v);
        } else if (c == Character.class) {
            out.writeByte(Tags.CHAR);
            out.writeShort((Character) v);
        } else if (c == byte[].class) {
            byte[] bytes = (byte[]) v;
            out.writeByte(Tags.BYTES);
            out.writeVarInt(bytes.length);
            out.writeBytes(bytes);
        } else if (c == int[].class || c == long[].class || c == double[].class) {
            writePrimitiveArray(out, v);
        } else {
            writeStructured(out, v, c, depth, hooks);
        }
    }

    private static void writeZigZag(ByteSink out, int v) {
        out.writeVarInt((v << 1) ^ (v >> 31));
    }

    private static void writeZigZag(ByteSink out, long v) {
        out.writeVarLong((v << 1) ^ (v >> 63));
    }

    private static void writePrimitiveArray(ByteSink out, Object v) {
        if (v instanceof int[]) {
            int[] ints = (int[]) v;
            out.writeByte(Tags.INTS);
            out.writeVarInt(ints.length);
            out.writeInts(ints);
        } else if (v instanceof long[]) {
            long[] longs = (long[]) v;
            out.writeByte(Tags.LONGS);
            out.writeVarInt(longs.length);
            out.writeLongs(longs);
        } else {
            double[] doubles = (double[]) v;
            out.writeByte(Tags.DOUBLES);
            out.writeVarInt(doubles.length);
            out.writeDoubles(doubles);
        }
    }

    /**
     * The record class encoded last, by any thread (a list of records is one class over and over): checked before the
     * chain of type tests below, which for a record took a third of its encoding. Only a class that reached the record
     * branch is ever put here, so the order of the tests still decides (a record that is a Context stays a Context).
     */
    private static volatile RecordAccess lastRecord;

    private static void writeStructured(ByteSink out, Object v, Class<?> c, int depth, CodecHooks hooks) {
        RecordAccess last = lastRecord;
        if (last != null && last.type() == c) {
            writeRecord(out, v, c, depth, last, hooks);
            return;
        }
        // References and collections before enums and records: a Context may well be implemented by a record.
        if (v instanceof List) {
            writeCollection(out, Tags.LIST, "list[", (Collection<?>) v, depth, hooks);
        } else if (v instanceof Map) {
            writeMap(out, (Map<?, ?>) v, depth, hooks);
        } else if (v instanceof Set) {
            writeCollection(out, Tags.SET, "set[", (Collection<?>) v, depth, hooks);
        } else if (v instanceof Secret) {
            writeSecret(out, (Secret) v);
        } else if (v instanceof Context) {
            Context context = (Context) v;
            out.writeByte(Tags.CONTEXT);
            out.writeVarInt(context.id());
            String name = context.name();
            out.writeUtf8(name == null ? "" : name);
        } else if (v instanceof Sender) {
            Sender<?> sender = (Sender<?>) v;
            out.writeByte(Tags.SENDER);
            out.writeVarInt(sender.contextId());
            out.writeVarInt(sender.handle());
            if (sender instanceof Handover) {
                out.addHandover((Handover) sender);
            }
        } else if (v instanceof Enum) {
            out.writeByte(Tags.ENUM);
            out.writeUtf8(((Enum<?>) v).getDeclaringClass().getName());
            out.writeUtf8(((Enum<?>) v).name());
        } else if (c.getSuperclass() == Record.class && RecordAccess.isRecord(c)) {
            RecordAccess access = RecordAccess.of(c);
            writeRecord(out, v, c, depth, access, hooks);
            if (access.failure() == null) {
                lastRecord = access;
            }
        } else {
            writeOther(out, v, c, depth, hooks);
        }
    }

    /**
     * Arrays beyond the bulk four, JDK value types, exceptions, lambdas and the types of registered codecs: out of
     * {@link #writeStructured}, so that it stays small for the collections and records it mostly writes.
     */
    private static void writeOther(ByteSink out, Object v, Class<?> c, int depth, CodecHooks hooks) {
        if (c.isArray()) {
            ArrayValues.write(out, v, c, depth, hooks);
        } else if (JdkValues.tagOf(c) != 0) {
            checkDepth(depth);
            JdkValues.write(out, v, JdkValues.tagOf(c), depth, hooks);
        } else if (v instanceof Throwable) {
            checkDepth(depth);
            ThrowableCodec.encode(out, (Throwable) v, depth);
        } else if (c.isSynthetic()) {
            writeLambda(out, v, c, depth, hooks);
        } else {
            writeCustom(out, v, c, depth, hooks);
        }
    }

    /** A value of a type only a registered {@link io.econtext.TypeCodec} carries: its codec's name, its form. */
    private static void writeCustom(ByteSink out, Object v, Class<?> c, int depth, CodecHooks hooks) {
        TypeCodec<Object> codec;
        try {
            codec = hooks.typeCodecs().forType(c);
        } catch (CodecException e) {
            throw EncodeFailure.inaccessible(c, "loading the registered type codecs", e);
        }
        if (codec == null) {
            throw EncodeFailure.unsupported(c);
        }
        checkDepth(depth);
        Object carried;
        try {
            carried = codec.toCarried(v);
        } catch (RuntimeException e) {
            throw EncodeFailure.inaccessible(c, codec.getClass().getName() + ".toCarried", e);
        }
        out.writeByte(Tags.CUSTOM);
        out.writeUtf8(codec.getClass().getName());
        try {
            write(out, carried, depth + 1, hooks);
        } catch (EncodeFailure f) {
            throw f.at(c.getSimpleName() + " carried as");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= ValueCodec.MAX_DEPTH) {
            throw EncodeFailure.tooDeep();
        }
    }

    private static void writeCollection(
            ByteSink out, int tag, String segment, Collection<?> items, int depth, CodecHooks hooks) {
        checkDepth(depth);
        out.writeByte(tag);
        int n = items.size();
        out.writeVarInt(n);
        // constants first: the split is loaded (into a child, from the master) only for a list this large
        if (n >= RecordLists.PARALLEL_MIN
                && tag == Tags.LIST
                && (RecordLists.encodeElements(out, items, depth, hooks)
                        || n >= StringLists.PARALLEL_MIN && StringLists.encodeElements(out, items))) {
            return;
        }
        int i = 0;
        try {
            for (Object item : items) {
                write(out, item, depth + 1, hooks);
                i++;
            }
        } catch (EncodeFailure f) {
            throw f.at(segment + i + "]");
        }
        if (i != n) {
            throw EncodeFailure.changedWhileEncoding(items.getClass());
        }
    }

    private static void writeMap(ByteSink out, Map<?, ?> map, int depth, CodecHooks hooks) {
        checkDepth(depth);
        out.writeByte(Tags.MAP);
        int n = map.size();
        out.writeVarInt(n);
        int i = 0;
        boolean inKey = true;
        try {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                inKey = true;
                write(out, entry.getKey(), depth + 1, hooks);
                inKey = false;
                write(out, entry.getValue(), depth + 1, hooks);
                i++;
            }
        } catch (EncodeFailure f) {
            throw f.at(inKey ? "map key" : "map value");
        }
        if (i != n) {
            throw EncodeFailure.changedWhileEncoding(map.getClass());
        }
    }

    private static void writeSecret(ByteSink out, Secret secret) {
        char[] chars = secret.reveal();
        try {
            out.writeByte(Tags.SECRET);
            out.writeVarInt(chars.length);
            for (char ch : chars) {
                out.writeShort(ch);
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static void writeRecord(
            ByteSink out, Object record, Class<?> c, int depth, RecordAccess access, CodecHooks hooks) {
        checkDepth(depth);
        if (access.failure() != null) {
            throw EncodeFailure.inaccessible(c, "reflection on the record", access.failure());
        }
        out.writeByte(Tags.RECORD);
        out.writeBytes(access.encodedName());
        int n = access.componentCount();
        out.writeVarInt(n);
        Object[] components;
        try {
            components = access.components(record);
        } catch (Throwable e) { // what an accessor threw: reflection wrapped it the same way, Errors included
            throw failedAccessor(record, c, access, e);
        }
        for (int i = 0; i < n; i++) {
            try {
                write(out, components[i], depth + 1, hooks);
            } catch (EncodeFailure f) {
                throw f.at(c.getSimpleName() + "." + access.componentName(i));
            }
        }
    }

    /** The failure of the first accessor of {@code record} that throws when called alone, else {@code e}'s. */
    private static EncodeFailure failedAccessor(Object record, Class<?> c, RecordAccess access, Throwable e) {
        for (int i = 0; i < access.componentCount(); i++) {
            try {
                access.component(i, record);
            } catch (Throwable again) {
                return EncodeFailure.inaccessible(c, "accessor " + access.componentName(i) + "()", again);
            }
        }
        return EncodeFailure.inaccessible(c, "an accessor", e);
    }

    private static void writeLambda(ByteSink out, Object lambda, Class<?> c, int depth, CodecHooks hooks) {
        checkDepth(depth);
        LambdaAccess access = LambdaAccess.of(c);
        out.writeBytes(access.header(lambda));
        Object[] captured = access.capturedArgs(lambda);
        out.writeVarInt(captured.length);
        for (int i = 0; i < captured.length; i++) {
            try {
                write(out, captured[i], depth + 1, hooks);
            } catch (EncodeFailure f) {
                Class<?> enclosing = access.capturedThis(i, captured[i]);
                if (enclosing != null) {
                    throw EncodeFailure.capturedThis(enclosing, f);
                }
                throw f.at("lambda captured[" + i + "]");
            }
        }
    }
}
