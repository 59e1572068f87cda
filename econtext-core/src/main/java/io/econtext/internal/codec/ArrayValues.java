package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.lang.reflect.Array;

/**
 * Arrays other than the bulk {@code byte[]}, {@code int[]}, {@code long[]} and {@code double[]} that {@link
 * ValueEncoder} writes itself: {@code char[]}, {@code short[]}, {@code float[]}, {@code boolean[]} in bulk, and arrays
 * of any carried reference type ({@code String[]}, {@code long[][]}, {@code Point[]}, {@code Object[]}) as {@link
 * Tags#ARRAY}: their component type, then their elements as values.
 *
 * <p>The component type is checked on both sides ({@link CarriedTypes#isCarriedComponent}): the encoder refuses a
 * {@code Thread[]}, and the decoder refuses a payload that names a component type it would not carry before it makes
 * the array, so a payload cannot make an array of an arbitrary class. A record or enum component is resolved through
 * the hooks like a record or enum value (without running its initializer); every element must be an instance of it.
 */
final class ArrayValues {
    private ArrayValues() {}

    /** Writes array {@code v} of class {@code c} at {@code depth}; false when it is not an array this class writes. */
    static void write(ByteSink out, Object v, Class<?> c, int depth, CodecHooks hooks) {
        if (c == char[].class) {
            char[] a = (char[]) v;
            out.writeByte(Tags.CHARS);
            out.writeVarInt(a.length);
            out.writeChars(a);
        } else if (c == short[].class) {
            short[] a = (short[]) v;
            out.writeByte(Tags.SHORTS);
            out.writeVarInt(a.length);
            out.writeShorts(a);
        } else if (c == float[].class) {
            float[] a = (float[]) v;
            out.writeByte(Tags.FLOATS);
            out.writeVarInt(a.length);
            out.writeFloats(a);
        } else if (c == boolean[].class) {
            boolean[] a = (boolean[]) v;
            out.writeByte(Tags.BOOLEANS);
            out.writeVarInt(a.length);
            for (boolean b : a) {
                out.writeByte(b ? 1 : 0);
            }
        } else {
            writeObjects(out, (Object[]) v, c, depth, hooks);
        }
    }

    private static void writeObjects(ByteSink out, Object[] a, Class<?> c, int depth, CodecHooks hooks) {
        Class<?> component = c.getComponentType();
        if (!CarriedTypes.isCarriedComponent(component, hooks)) {
            throw EncodeFailure.unsupportedArray(c);
        }
        if (depth >= ValueCodec.MAX_DEPTH) {
            throw EncodeFailure.tooDeep();
        }
        out.writeByte(Tags.ARRAY);
        out.writeUtf8(component.getName());
        int n = a.length;
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
            try {
                ValueEncoder.write(out, a[i], depth + 1, hooks);
            } catch (EncodeFailure f) {
                throw f.at("array[" + i + "]");
            }
        }
    }

    /** Reads the body of a bulk array whose tag ({@code CHARS}, {@code SHORTS}, {@code FLOATS}, {@code BOOLEANS}). */
    static Object readPrimitive(int tag, ByteSource in, ValueDecoder d) {
        switch (tag) {
            case Tags.CHARS: {
                int n = in.readCount(2);
                d.charge(ValueDecoder.ARRAY + 2L * n);
                char[] a = new char[n];
                in.readChars(a);
                return a;
            }
            case Tags.SHORTS: {
                int n = in.readCount(2);
                d.charge(ValueDecoder.ARRAY + 2L * n);
                short[] a = new short[n];
                in.readShorts(a);
                return a;
            }
            case Tags.FLOATS: {
                int n = in.readCount(4);
                d.charge(ValueDecoder.ARRAY + 4L * n);
                float[] a = new float[n];
                in.readFloats(a);
                return a;
            }
            default: {
                int n = in.readCount(1);
                d.charge(ValueDecoder.ARRAY + (long) n);
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int b = in.readUnsignedByte();
                    if (b > 1) {
                        throw in.malformed("boolean " + b + " (expected: 0 or 1)");
                    }
                    a[i] = b == 1;
                }
                return a;
            }
        }
    }

    /**
     * Reads an array whose {@link Tags#ARRAY} tag was just read, at {@code depth}. Its component type is checked before
     * the array is made and the array is charged whole before it is made, like a list.
     */
    static Object[] readObjects(ByteSource in, ValueDecoder d, int depth, CodecHooks hooks) {
        int at = in.offset();
        String name = d.readString();
        Class<?> component = component(name, at, hooks);
        int n = in.readCount(1);
        d.charge(ValueDecoder.ARRAY + (long) ValueDecoder.REF * n);
        Object[] a = (Object[]) Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Object element = d.read(depth + 1);
            try {
                a[i] = element;
            } catch (ArrayStoreException e) {
                throw new CodecException("cannot decode array of " + component.getTypeName() + ": element " + i
                        + " is a " + element.getClass().getName());
            }
        }
        return a;
    }

    /** The component type named {@code name}, checked to be carried; {@code at} is where its name starts. */
    private static Class<?> component(String name, int at, CodecHooks hooks) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims >= ValueCodec.MAX_DEPTH) {
            throw new CodecException("malformed payload at offset " + at + ": array component " + name + " has " + dims
                    + " dimensions (at most " + (ValueCodec.MAX_DEPTH - 1) + ")");
        }
        String base = name;
        if (dims > 0) {
            // a component that is itself an array: [J, [[Ljava.lang.String;
            String rest = name.substring(dims);
            base = rest.length() == 1 ? primitiveName(rest.charAt(0)) : referenceName(rest);
            if (base == null) {
                throw new CodecException("malformed payload at offset " + at + ": array component " + name);
            }
        }
        Class<?> type = CarriedTypes.jdkComponent(base);
        if (type == null) {
            type = resolve(base, hooks);
            if (!type.isEnum() && !type.isRecord() && !hooks.typeCodecs().registersExactly(type)) {
                throw new CodecException("refused an array of " + name + ": " + base + " is not an enum, a record, a"
                        + " carried JDK type or the type of a registered TypeCodec");
            }
        } else if (type.isPrimitive() && dims == 0) {
            throw new CodecException("malformed payload at offset " + at + ": " + name + "[] is sent as a bulk"
                    + " array, not as values");
        }
        for (int i = 0; i < dims; i++) {
            type = type.arrayType();
        }
        return type;
    }

    private static Class<?> resolve(String name, CodecHooks hooks) {
        try {
            return hooks.resolveClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CodecException("cannot decode an array of " + name + ": class not found here (" + e + ")", e);
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode an array of " + name + ": resolving it failed: " + e, e);
        }
    }

    private static String referenceName(String descriptor) {
        if (descriptor.length() < 3 || descriptor.charAt(0) != 'L' || !descriptor.endsWith(";")) {
            return null;
        }
        return descriptor.substring(1, descriptor.length() - 1);
    }

    private static String primitiveName(char c) {
        switch (c) {
            case 'Z':
                return "boolean";
            case 'B':
                return "byte";
            case 'S':
                return "short";
            case 'C':
                return "char";
            case 'I':
                return "int";
            case 'J':
                return "long";
            case 'F':
                return "float";
            case 'D':
                return "double";
            default:
                return null;
        }
    }
}
