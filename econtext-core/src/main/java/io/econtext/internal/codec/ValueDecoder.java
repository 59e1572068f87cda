package io.econtext.internal.codec;

import io.econtext.CodecException;
import io.econtext.Secret;
import io.econtext.TypeCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads one value in the layout of {@link Tags}, for one payload. Containers deeper than {@link ValueCodec#MAX_DEPTH}
 * and counts larger than the remaining bytes could hold are rejected before any allocation.
 *
 * <p><b>Budget.</b> A payload may decode into at most {@code factor × its length + }{@link #ALLOWANCE} bytes of heap.
 * Every allocation is charged, as the decoder makes it, at an estimate of its size on a 64-bit JVM with compressed
 * references; a payload that goes over fails with a {@link CodecException} naming the budget, so a few wire bytes
 * that each stand for an object (a list of millions of empty lists) cannot take the heap of the JVM that reads them.
 *
 * <pre>
 * allocation                                   charge (bytes)
 * Short, Character, Integer, Float             16
 * Long, Double                                 24
 * String of n UTF-8 bytes                      40 + n
 * byte[] / int[] / long[] / double[] of n      16 + n / 4n / 8n / 8n
 * char[] / short[] / float[] / boolean[] of n  16 + 2n / 2n / 4n / n
 * array of n references                        16 + 8n, and its component's name as a String
 * JDK value (Duration, UUID, ...)              24 to 144, and its strings; BigInteger of n bytes 56 + 2n
 * list: the ArrayList and its array            24, and 16 + 8 an element before the array is made
 * set / map: the LinkedHashSet or -Map         64, then 48 an entry
 * record of n components                       16 + 8n
 * exception, stack frame                       96 + its strings, 56 + its strings (see ThrowableCodec)
 * lambda, secret, sender                       see the methods below
 * </pre>
 *
 * Boolean, Byte, null, enum constants and context references are shared objects and charge nothing.
 *
 * <p><b>Plain mode</b> ({@link ValueCodec#decodePlain}): for what a child sends up unasked (logs, output, its hello).
 * Only null, booleans, numbers, chars, strings, primitive arrays, lists and exceptions as data decode; a tag for an
 * application type (enum, record, lambda), a reference (context, sender), a secret, a set or a map fails before
 * anything of it is read, so no class is resolved, no class initializer or constructor runs and no hash code is
 * computed on the reader's behalf.
 */
final class ValueDecoder {
    /** Budget factor of {@link ValueCodec#decode}: above what any value of the closed set takes (24 × at most). */
    static final int FACTOR = 32;
    /** Budget factor of {@link ValueCodec#decodePlain}: strings and exceptions, about 1 × and 4 × their wire size. */
    static final int PLAIN_FACTOR = 4;
    /** What every payload may use above its factor: room for small payloads, whose overheads weigh most. */
    static final long ALLOWANCE = 1 << 20;

    static final int BOX = 16;
    static final int WIDE_BOX = 24;
    static final int STRING = 40;
    static final int ARRAY = 16;
    static final int LIST = 24;
    static final int REF = 8;
    static final int HASHED = 64;
    static final int ENTRY = 48;
    static final int OBJECT = 16;

    // Sets and maps start no larger than this and grow as elements arrive (doubling: each element is copied a few
    // times at most). Lists and captured arguments are made at their declared size, charged for it first: nested lists
    // that each declare all remaining bytes go over the budget at the fifth, before its array is made.
    private static final int MAX_INITIAL_CAPACITY = 1024;
    /** How many keys of one set or map may share a hash code (see {@link #checkHashCodes}). */
    static final int MAX_EQUAL_HASH_CODES = 64;

    private final ByteSource in;
    private final CodecHooks hooks;
    private final LambdaRefCache lambdas;
    /** The hooks' type codecs, asked when a payload first needs them. */
    private TypeCodecs codecs;

    private final boolean plain;
    private final int factor;
    private final int payloadLength;
    private final long budget;
    private long left;
    /** The last record class this payload named: where its name's bytes start, their length, the class, its access. */
    private int lastRecordNameAt;

    private int lastRecordNameLength;
    private Class<?> lastRecordType;
    private RecordAccess lastRecordAccess;

    /** A decoder for any value of the closed set, within the budget of {@link #FACTOR}. */
    ValueDecoder(ByteSource in, CodecHooks hooks, LambdaRefCache lambdas) {
        this(in, hooks, lambdas, false);
    }

    /**
     * @param in the payload after its version byte: its length sets the budget
     * @param plain true for plain mode (then {@code hooks} and {@code lambdas} are never used)
     */
    ValueDecoder(ByteSource in, CodecHooks hooks, LambdaRefCache lambdas, boolean plain) {
        this.in = in;
        this.hooks = hooks;
        this.lambdas = lambdas;
        this.plain = plain;
        this.factor = plain ? PLAIN_FACTOR : FACTOR;
        this.payloadLength = in.remaining() + 1;
        this.budget = factor * (long) payloadLength + ALLOWANCE;
        this.left = budget;
    }

    /** The bytes charged so far. */
    long charged() {
        return budget - left;
    }

    /** The most this payload may be charged. */
    long budget() {
        return budget;
    }

    /**
     * Charges {@code bytes} of heap against the budget.
     *
     * @throws CodecException when the payload goes over its budget
     */
    void charge(long bytes) {
        left -= bytes;
        if (left < 0) {
            throw new CodecException("payload of " + payloadLength + " bytes decodes into more than its budget of "
                    + budget + " bytes of heap (" + factor + " × its length + " + (ALLOWANCE >> 20)
                    + " MiB), at offset "
                    + in.offset() + ": send bulk data as byte arrays, or in chunks through a Sender");
        }
    }

    /** Reads a string, charging it. */
    String readString() {
        int start = in.position();
        String s = in.readString();
        charge(STRING + in.position() - start);
        return s;
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
                charge(BOX);
                return (short) in.readShort();
            case Tags.CHAR:
                charge(BOX);
                return (char) in.readShort();
            case Tags.INT:
                charge(BOX);
                return in.readZigZagInt();
            case Tags.LONG:
                charge(WIDE_BOX);
                return in.readZigZagLong();
            case Tags.FLOAT:
                charge(BOX);
                return Float.intBitsToFloat(in.readInt());
            case Tags.DOUBLE:
                charge(WIDE_BOX);
                return Double.longBitsToDouble(in.readLong());
            case Tags.STRING:
                return readString();
            case Tags.BYTES:
                return readBytes();
            case Tags.INTS:
                return readInts();
            case Tags.LONGS:
                return readLongs();
            case Tags.DOUBLES:
                return readDoubles();
            case Tags.LIST:
                checkDepth(depth);
                return readList(depth);
            case Tags.SET:
                checkPlain("a set");
                checkDepth(depth);
                return readSet(depth);
            case Tags.MAP:
                checkPlain("a map");
                checkDepth(depth);
                return readMap(depth);
            case Tags.ENUM:
                checkPlain("an enum");
                return readEnum();
            case Tags.RECORD:
                checkPlain("a record");
                checkDepth(depth);
                return readRecord(depth);
            case Tags.THROWABLE:
                checkDepth(depth);
                return ThrowableCodec.decode(in, depth, this);
            case Tags.LAMBDA:
                checkPlain("a lambda");
                checkDepth(depth);
                return readLambda(depth);
            case Tags.SECRET:
                checkPlain("a secret");
                return readSecret();
            case Tags.CONTEXT:
                checkPlain("a context reference");
                return readContext();
            case Tags.SENDER:
                checkPlain("a sender reference");
                return readSender();
            default:
                return readNewer(tag, depth);
        }
    }

    /**
     * The tags added after the first release (arrays beyond the bulk four, JDK value types, type codecs): kept out of
     * {@link #read} so that it stays small enough to inline where the common values are decoded.
     */
    private Object readNewer(int tag, int depth) {
        switch (tag) {
            case Tags.CHARS:
            case Tags.SHORTS:
            case Tags.FLOATS:
            case Tags.BOOLEANS:
                return ArrayValues.readPrimitive(tag, in, this);
            case Tags.ARRAY:
                checkPlain("an array of objects");
                checkDepth(depth);
                return ArrayValues.readObjects(in, this, depth, hooks);
            case Tags.DURATION:
            case Tags.INSTANT:
            case Tags.DATE:
            case Tags.TIME:
            case Tags.DATETIME:
            case Tags.OFFSET_DATETIME:
            case Tags.ZONED_DATETIME:
            case Tags.ZONE:
            case Tags.UUID:
            case Tags.OPTIONAL:
            case Tags.OPTIONAL_INT:
            case Tags.OPTIONAL_LONG:
            case Tags.OPTIONAL_DOUBLE:
            case Tags.URI:
            case Tags.BIGINT:
            case Tags.BIGDEC:
            case Tags.PATH:
            case Tags.VERSION:
                if (plain) {
                    checkPlain("a JDK value of tag 0x" + Integer.toHexString(tag));
                }
                checkDepth(depth);
                return JdkValues.read(tag, in, this, depth);
            case Tags.CUSTOM:
                checkPlain("a value of a registered type codec");
                checkDepth(depth);
                return readCustom(depth);
            default:
                throw new CodecException("malformed payload at offset " + (in.offset() - 1) + ": unknown tag 0x"
                        + Integer.toHexString(tag));
        }
    }

    private TypeCodecs codecs() {
        TypeCodecs c = codecs;
        if (c == null) {
            c = hooks.typeCodecs();
            codecs = c;
        }
        return c;
    }

    /**
     * Reads a value of a registered {@link TypeCodec} whose tag was just read: the codec must be one this context was
     * told of (a name it was not told of fails before any class is looked up), and what it makes must be of its type.
     */
    private Object readCustom(int depth) {
        String name = readString();
        TypeCodec<Object> codec;
        try {
            codec = codecs().byName(name);
        } catch (CodecException e) {
            throw new CodecException("cannot decode a value of type codec " + name + ": " + e.getMessage(), e);
        }
        if (codec == null) {
            throw new CodecException("refused a value of type codec " + name + ": no such codec is registered here"
                    + " (registered: " + codecs().names() + "; register codecs with RouterOptions.withTypeCodecs in"
                    + " the master)");
        }
        charge(OBJECT);
        Object carried = read(depth + 1);
        Object value;
        try {
            value = codec.fromCarried(carried);
        } catch (RuntimeException e) {
            throw new CodecException(
                    "cannot decode a value of type " + codec.type().getName() + ": " + name + ".fromCarried threw " + e,
                    e);
        }
        if (value != null && !codec.type().isInstance(value)) {
            throw new CodecException(
                    "cannot decode a value of type " + codec.type().getName() + ": " + name + ".fromCarried returned a "
                            + value.getClass().getName());
        }
        return value;
    }

    private void checkPlain(String what) {
        if (plain) {
            throw new CodecException("refused " + what + " at offset " + (in.offset() - 1) + ": this payload may carry"
                    + " plain values only (null, booleans, numbers, strings, primitive arrays, lists, exceptions)");
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

    private byte[] readBytes() {
        int n = in.readCount(1);
        charge(ARRAY + (long) n);
        byte[] bytes = new byte[n];
        in.readBytes(bytes);
        return bytes;
    }

    private int[] readInts() {
        int n = in.readCount(4);
        charge(ARRAY + 4L * n);
        int[] ints = new int[n];
        in.readInts(ints);
        return ints;
    }

    private long[] readLongs() {
        int n = in.readCount(8);
        charge(ARRAY + 8L * n);
        long[] longs = new long[n];
        in.readLongs(longs);
        return longs;
    }

    private double[] readDoubles() {
        int n = in.readCount(8);
        charge(ARRAY + 8L * n);
        double[] doubles = new double[n];
        in.readDoubles(doubles);
        return doubles;
    }

    /**
     * Reads a list whose tag was just read: an {@code ArrayList} of exactly its declared size. The array is charged
     * whole before it is made, so a count that only claims elements fails on the budget before anything of its size is
     * allocated; a real list costs the same as if it grew.
     */
    ArrayList<Object> readList(int depth) {
        int size = in.readCount(1);
        charge(size == 0 ? LIST : LIST + ARRAY + (long) REF * size);
        // constants first: the split is loaded (from the master, into a child) only for a list this large
        if (size >= RecordLists.PARALLEL_MIN) {
            ArrayList<Object> split = plain ? null : RecordLists.decodeElements(in, size, depth, this, hooks);
            if (split == null && size >= StringLists.PARALLEL_MIN) {
                split = StringLists.decodeElements(in, size, this);
            }
            if (split != null) {
                return split;
            }
        }
        ArrayList<Object> list = new ArrayList<Object>(size);
        for (int i = 0; i < size; i++) {
            list.add(read(depth + 1));
        }
        return list;
    }

    private <C extends Collection<Object>> C readElements(C into, int count, int depth, int eachCharge) {
        for (int i = 0; i < count; i++) {
            charge(eachCharge);
            into.add(read(depth + 1));
        }
        return into;
    }

    /**
     * Reads a set whose tag was just read. One of more than {@link #MAX_EQUAL_HASH_CODES} elements is read whole first,
     * and built only once their hash codes passed {@link #checkHashCodes}.
     */
    private Set<Object> readSet(int depth) {
        int count = in.readCount(1);
        charge(HASHED);
        Set<Object> set = new LinkedHashSet<Object>(initialCapacity(count));
        if (count <= MAX_EQUAL_HASH_CODES) {
            return readElements(set, count, depth, ENTRY);
        }
        List<Object> elements =
                readElements(new ArrayList<Object>(Math.min(count, MAX_INITIAL_CAPACITY)), count, depth, ENTRY);
        checkHashCodes(elements, "set");
        set.addAll(elements);
        return set;
    }

    /**
     * Reads a map whose tag was just read. One of more than {@link #MAX_EQUAL_HASH_CODES} entries is read whole first,
     * and built only once its keys' hash codes passed {@link #checkHashCodes}.
     */
    private Map<Object, Object> readMap(int depth) {
        int count = in.readCount(2);
        charge(HASHED);
        Map<Object, Object> map = new LinkedHashMap<>(initialCapacity(count));
        if (count <= MAX_EQUAL_HASH_CODES) {
            for (int i = 0; i < count; i++) {
                charge(ENTRY);
                Object key = read(depth + 1);
                map.put(key, read(depth + 1));
            }
            return map;
        }
        List<Object> keys = new ArrayList<Object>(Math.min(count, MAX_INITIAL_CAPACITY));
        List<Object> values = new ArrayList<Object>(Math.min(count, MAX_INITIAL_CAPACITY));
        for (int i = 0; i < count; i++) {
            charge(ENTRY);
            keys.add(read(depth + 1));
            values.add(read(depth + 1));
        }
        checkHashCodes(keys, "map");
        for (int i = 0; i < count; i++) {
            map.put(keys.get(i), values.get(i));
        }
        return map;
    }

    /**
     * Refuses the keys of a set or map when more than {@link #MAX_EQUAL_HASH_CODES} of them share one hash code. A hash
     * table finds such keys only by comparing each new one with all the others: a few hundred KiB of lists crafted to
     * share a hash code (e.g. {@code [i, -31 i]}) would keep the reading thread busy for minutes. Values an application
     * really sends never come near the bound; a payload of equal keys (which no set or map holds) is refused too.
     */
    private static void checkHashCodes(List<Object> keys, String kind) {
        if (keys.size() <= MAX_EQUAL_HASH_CODES) {
            return;
        }
        int[] hashes = new int[keys.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Objects.hashCode(keys.get(i));
        }
        Arrays.sort(hashes);
        int run = 1;
        for (int i = 1; i < hashes.length; i++) {
            run = hashes[i] == hashes[i - 1] ? run + 1 : 1;
            if (run > MAX_EQUAL_HASH_CODES) {
                throw new CodecException("malformed payload: more than " + MAX_EQUAL_HASH_CODES + " keys of a " + kind
                        + " of " + keys.size() + " share the hash code " + hashes[i] + " (a hash-flooding payload,"
                        + " or keys that are equal)");
            }
        }
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
        String className = readString();
        String constant = readString();
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

    /**
     * Reads a record whose tag was just read. A record whose class name has the same bytes as the one before in this
     * payload (a list of records: the usual case) takes that one's class and access without reading the name into a
     * string or resolving it again; it is charged as if it had.
     */
    private Object readRecord(int depth) {
        int start = in.position();
        int nameLength = in.readStringLength();
        int nameAt = in.position();
        boolean same = lastRecordType != null
                && nameLength == lastRecordNameLength
                && in.nextBytesEqual(lastRecordNameAt, nameLength);
        String className;
        if (same) {
            in.skip(nameLength);
            className = lastRecordType.getName();
        } else {
            className = in.readUtf8(nameLength);
        }
        charge(STRING + in.position() - start);
        int count = in.readCount(1);
        charge(OBJECT + (long) REF * count);
        Class<?> type;
        RecordAccess access;
        if (same) {
            type = lastRecordType;
            access = lastRecordAccess;
        } else {
            type = resolve("record", className);
            if (!type.isRecord()) {
                throw new CodecException("cannot decode record " + className + ": the class here is not a record");
            }
            access = RecordAccess.of(type);
            if (access.failure() != null) {
                throw new CodecException(
                        "cannot decode record " + className + ": reflection refused: " + access.failure(),
                        access.failure());
            }
            lastRecordNameAt = nameAt;
            lastRecordNameLength = nameLength;
            lastRecordType = type;
            lastRecordAccess = access;
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

    /** The LambdaRef and its list, and the identity's six strings as if none came from the cache. */
    private LambdaRef readLambda(int depth) {
        int start = in.position();
        LambdaRef identity = lambdas.readIdentity(in);
        charge(OBJECT * 3 + LIST + ARRAY + 6 * STRING + in.position() - start);
        int count = in.readCount(1);
        charge((long) REF * count);
        ArrayList<Object> captured = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            captured.add(read(depth + 1));
        }
        return new LambdaRef(
                identity.capturingClass(),
                identity.implClass(),
                identity.implMethodName(),
                identity.implMethodSignature(),
                identity.implMethodKind(),
                identity.instantiatedMethodType(),
                captured);
    }

    /** The Secret and its chars, and the chars read on the way. */
    private Secret readSecret() {
        int n = in.readCount(2);
        charge(OBJECT + 2 * (ARRAY + 2L * n));
        char[] chars = new char[n];
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
        String name = readString();
        try {
            return hooks.context(id, name);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode reference to context " + id + " (" + name + "): " + e, e);
        }
    }

    /** The sender and the message that attaches it. */
    private Object readSender() {
        int contextId = in.readVarInt();
        int handle = in.readVarInt();
        charge(OBJECT * 4);
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
