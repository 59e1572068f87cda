package io.econtext.internal.loader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a class file says about itself and the classes it names, read from its header and constant pool without
 * loading or defining anything.
 *
 * <pre>
 * ClassFile {
 *   u4 magic = 0xCAFEBABE   u2 minor   u2 major
 *   u2 constant_pool_count  cp_info constant_pool[count - 1]
 *   u2 access_flags  u2 this_class  u2 super_class  u2 interfaces_count  u2 interfaces[count]
 *   ... fields, methods, attributes (not read)
 * }
 * </pre>
 *
 * <pre>{@code
 * ClassFileInfo info = ClassFileInfo.parse(bytes);
 * if (info.majorVersion() > ClassFileInfo.runtimeMajorVersion()) { ... }
 * for (String name : info.referencedClasses()) { ... }
 * }</pre>
 *
 * <p>Runs on a child's boot path as well as in the master, so it uses no lambdas, streams or
 * {@code DataInputStream}. Instances are immutable and thread-safe.
 */
public final class ClassFileInfo {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int HEADER_LENGTH = 10;
    private static final int FIRST_MAJOR = 45;

    private static final int TAG_UTF8 = 1;
    private static final int TAG_INTEGER = 3;
    private static final int TAG_FLOAT = 4;
    private static final int TAG_LONG = 5;
    private static final int TAG_DOUBLE = 6;
    private static final int TAG_CLASS = 7;
    private static final int TAG_STRING = 8;
    private static final int TAG_FIELDREF = 9;
    private static final int TAG_METHODREF = 10;
    private static final int TAG_INTERFACE_METHODREF = 11;
    private static final int TAG_NAME_AND_TYPE = 12;
    private static final int TAG_METHOD_HANDLE = 15;
    private static final int TAG_METHOD_TYPE = 16;
    private static final int TAG_DYNAMIC = 17;
    private static final int TAG_INVOKE_DYNAMIC = 18;
    private static final int TAG_MODULE = 19;
    private static final int TAG_PACKAGE = 20;

    private final int majorVersion;
    private final String thisClass;
    private final String superClass;
    private final List<String> interfaces;
    private final List<String> referencedClasses;

    private ClassFileInfo(
            int majorVersion,
            String thisClass,
            String superClass,
            List<String> interfaces,
            List<String> referencedClasses) {
        this.majorVersion = majorVersion;
        this.thisClass = thisClass;
        this.superClass = superClass;
        this.interfaces = interfaces;
        this.referencedClasses = referencedClasses;
    }

    /**
     * Parses the header, constant pool and class/super/interfaces of {@code classFile}.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed class file (bad magic, truncated, a constant
     *     pool entry of an unknown kind or an index that points at the wrong kind of entry)
     */
    public static ClassFileInfo parse(byte[] classFile) {
        int major = majorVersionOf(classFile);
        Reader in = new Reader(classFile);
        in.position = 8;
        int poolCount = in.u2();
        // every entry takes at least 3 bytes: a count the file cannot hold allocates nothing
        in.requireEntries(poolCount - 1, 3, "constant pool entries");
        int[] offsets = new int[poolCount];
        byte[] tags = new byte[poolCount];
        String[] names = new String[poolCount];
        for (int i = 1; i < poolCount; i++) {
            int tag = in.u1();
            tags[i] = (byte) tag;
            offsets[i] = in.position;
            switch (tag) {
                case TAG_UTF8:
                    in.skip(in.u2());
                    break;
                case TAG_CLASS:
                case TAG_STRING:
                case TAG_METHOD_TYPE:
                case TAG_MODULE:
                case TAG_PACKAGE:
                    in.skip(2);
                    break;
                case TAG_METHOD_HANDLE:
                    in.skip(3);
                    break;
                case TAG_INTEGER:
                case TAG_FLOAT:
                case TAG_FIELDREF:
                case TAG_METHODREF:
                case TAG_INTERFACE_METHODREF:
                case TAG_NAME_AND_TYPE:
                case TAG_DYNAMIC:
                case TAG_INVOKE_DYNAMIC:
                    in.skip(4);
                    break;
                case TAG_LONG:
                case TAG_DOUBLE:
                    in.skip(8);
                    i++; // eight-byte constants take two pool slots
                    break;
                default:
                    throw new IllegalArgumentException("not a class file: unknown constant pool tag " + tag
                            + " at entry " + i + " (offset " + (in.position - 1) + ")");
            }
        }
        in.skip(2); // access_flags
        String thisClass = binaryName(
                notArray(className(classFile, tags, offsets, names, in.u2(), "this_class", false), "this_class"));
        String superClass = binaryName(
                notArray(className(classFile, tags, offsets, names, in.u2(), "super_class", true), "super_class"));
        int interfaceCount = in.u2();
        in.requireEntries(interfaceCount, 2, "interfaces");
        List<String> interfaces = new ArrayList<String>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(binaryName(
                    notArray(className(classFile, tags, offsets, names, in.u2(), "interfaces", false), "interfaces")));
        }

        LinkedHashSet<String> referenced = new LinkedHashSet<String>();
        boolean[] listed = new boolean[poolCount]; // by UTF8 index: many class entries may share one name
        for (int i = 1; i < poolCount; i++) {
            if (tags[i] == TAG_CLASS) {
                String internalName = className(classFile, tags, offsets, names, i, "constant pool", false);
                int nameIndex = ((classFile[offsets[i]] & 0xFF) << 8) | (classFile[offsets[i] + 1] & 0xFF);
                if (listed[nameIndex]) {
                    continue;
                }
                listed[nameIndex] = true;
                String name = elementClass(internalName);
                if (name != null) {
                    referenced.add(binaryName(name));
                }
            }
        }
        return new ClassFileInfo(
                major,
                thisClass,
                superClass,
                Collections.unmodifiableList(interfaces),
                Collections.unmodifiableList(new ArrayList<String>(referenced)));
    }

    /**
     * Reads only the magic number and the major version.
     *
     * @throws IllegalArgumentException if {@code classFile} is shorter than a class file header or has the wrong magic
     */
    public static int majorVersionOf(byte[] classFile) {
        if (classFile == null) {
            throw new IllegalArgumentException("not a class file: null");
        }
        if (classFile.length < HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "not a class file: truncated header (" + classFile.length + " bytes, expected >= 10)");
        }
        Reader in = new Reader(classFile);
        int magic = in.u4();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("not a class file: bad magic 0x"
                    + Integer.toHexString(magic).toUpperCase() + " (expected 0xCAFEBABE)");
        }
        in.skip(2); // minor_version
        return in.u2();
    }

    /**
     * The Java release that introduced class file version {@code major}: {@code "Java 17"} for 61, {@code "Java 25"}
     * for 69, {@code "Java 1.4"} for 48.
     */
    public static String javaVersionForMajor(int major) {
        int feature = major - 44;
        if (major < FIRST_MAJOR) {
            return "class file version " + major;
        }
        return feature < 5 ? "Java 1." + feature : "Java " + feature;
    }

    /** The newest class file major version this JVM runs: 61 on Java 17. */
    public static int runtimeMajorVersion() {
        return Runtime.version().feature() + 44;
    }

    /** The class file major version, e.g. 61 for Java 17. */
    public int majorVersion() {
        return majorVersion;
    }

    /** The binary name of the class, with dots, e.g. {@code com.example.Outer$Inner}. */
    public String thisClass() {
        return thisClass;
    }

    /** The binary name of the superclass, or null for {@code java.lang.Object} and {@code module-info}. */
    public String superClass() {
        return superClass;
    }

    /** The binary names of the directly implemented interfaces, in declaration order. */
    public List<String> interfaces() {
        return interfaces;
    }

    /**
     * The binary names of every class the constant pool names (including this class and its supertypes), in pool
     * order without duplicates. An array entry contributes its element class ({@code [[Lcom/x/Y;} gives {@code
     * com.x.Y}); arrays of primitives contribute nothing.
     */
    public List<String> referencedClasses() {
        return referencedClasses;
    }

    @Override
    public String toString() {
        return "ClassFileInfo[" + thisClass + ", major " + majorVersion + ", super " + superClass + ", interfaces "
                + interfaces + ", " + referencedClasses.size() + " referenced classes]";
    }

    /**
     * The name of the {@code CONSTANT_Class} entry at {@code index}. Each UTF8 entry is decoded once ({@code names}
     * caches it): a pool of many class entries naming one long UTF8 entry costs its length once, not once per entry.
     */
    private static String className(
            byte[] classFile, byte[] tags, int[] offsets, String[] names, int index, String what, boolean zeroAllowed) {
        if (index == 0 && zeroAllowed) {
            return null;
        }
        if (index <= 0 || index >= tags.length || tags[index] != TAG_CLASS) {
            throw new IllegalArgumentException(
                    "not a class file: " + what + " index " + index + " is not a CONSTANT_Class entry");
        }
        Reader in = new Reader(classFile);
        in.position = offsets[index];
        int nameIndex = in.u2();
        if (nameIndex <= 0 || nameIndex >= tags.length || tags[nameIndex] != TAG_UTF8) {
            throw new IllegalArgumentException(
                    "not a class file: CONSTANT_Class " + index + " names entry " + nameIndex + ", not a UTF8 entry");
        }
        String name = names[nameIndex];
        if (name == null) {
            in.position = offsets[nameIndex];
            int length = in.u2();
            in.require(length);
            name = decodeModifiedUtf8(classFile, in.position, length);
            names[nameIndex] = name;
        }
        return name;
    }

    /**
     * {@code internalName}, which must name a class or interface: this_class, super_class and interfaces never name an
     * array type (JVMS 4.1), nor nothing.
     */
    private static String notArray(String internalName, String what) {
        if (internalName != null && (internalName.isEmpty() || internalName.charAt(0) == '[')) {
            throw new IllegalArgumentException(
                    "not a class file: " + what + " names '" + internalName + "', not a class or interface");
        }
        return internalName;
    }

    /** {@code [[Lcom/x/Y;} becomes {@code com/x/Y}, {@code [I} becomes null, anything else is returned as is. */
    private static String elementClass(String internalName) {
        if (internalName.isEmpty() || internalName.charAt(0) != '[') {
            return internalName;
        }
        int start = 0;
        while (start < internalName.length() && internalName.charAt(start) == '[') {
            start++;
        }
        if (start < internalName.length()
                && internalName.charAt(start) == 'L'
                && internalName.endsWith(";")
                && internalName.length() > start + 2) {
            return internalName.substring(start + 1, internalName.length() - 1);
        }
        return null;
    }

    /**
     * Decodes the JVM's modified UTF-8 (two-byte NUL, surrogates as two three-byte sequences), which {@code new
     * String(bytes, UTF_8)} does not read correctly.
     */
    private static String decodeModifiedUtf8(byte[] bytes, int offset, int length) {
        char[] chars = new char[length];
        int count = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                chars[count++] = (char) b;
                i++;
            } else if ((b & 0xE0) == 0xC0 && i + 1 < end) {
                chars[count++] = (char) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF0) == 0xE0 && i + 2 < end) {
                chars[count++] = (char) (((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                i += 3;
            } else {
                throw new IllegalArgumentException("not a class file: malformed modified UTF-8 at offset " + i);
            }
        }
        return new String(chars, 0, count);
    }

    private static String binaryName(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }

    /** Big-endian cursor over the class file that reports truncation as {@link IllegalArgumentException}. */
    private static final class Reader {
        private final byte[] bytes;
        int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u1() {
            require(1);
            return bytes[position++] & 0xFF;
        }

        int u2() {
            require(2);
            int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
            position += 2;
            return value;
        }

        int u4() {
            require(4);
            int value = ((bytes[position] & 0xFF) << 24)
                    | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8)
                    | (bytes[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        void skip(int count) {
            require(count);
            position += count;
        }

        /** {@code count} entries of at least {@code minBytes} each must fit in what is left. */
        void requireEntries(int count, int minBytes, String what) {
            long needed = (long) Math.max(0, count) * minBytes;
            if (needed > bytes.length - position) {
                throw new IllegalArgumentException("not a class file: truncated: " + count + " " + what + " at offset "
                        + position + " need at least " + needed + " bytes, " + (bytes.length - position) + " left");
            }
        }

        void require(int count) {
            if (position + count > bytes.length) {
                throw new IllegalArgumentException("not a class file: truncated at offset " + position + " (needs "
                        + count + " more bytes, " + (bytes.length - position) + " left of " + bytes.length + ")");
            }
        }
    }
}
