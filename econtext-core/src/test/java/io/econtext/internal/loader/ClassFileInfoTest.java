package io.econtext.internal.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassFileInfoTest {
    private static final String PREFIX = ClassFileInfoTest.class.getName() + "$";

    interface Shape {}

    interface Named extends Shape {}

    static class Base {}

    static class Helper {}

    static class ArrayElement {}

    static class Sample extends Base implements Named, Comparable<Sample> {
        Object helper() {
            return new Helper();
        }

        Object objectMatrix() {
            return new ArrayElement[1][1];
        }

        Object intMatrix() {
            return new int[2][2];
        }

        boolean isStringArray(Object o) {
            return o instanceof String[];
        }

        @Override
        public int compareTo(Sample other) {
            return 0;
        }
    }

    @Test
    void readsNameSuperclassAndInterfacesOfACompiledClass() throws IOException {
        ClassFileInfo info = ClassFileInfo.parse(classBytes(Sample.class.getName()));

        assertThat(info.thisClass()).isEqualTo(PREFIX + "Sample");
        assertThat(info.superClass()).isEqualTo(PREFIX + "Base");
        assertThat(info.interfaces()).containsExactly(PREFIX + "Named", "java.lang.Comparable");
        assertThat(info.majorVersion()).isEqualTo(61);
    }

    @Test
    void listsConstantPoolClassesWithArrayElementsAndWithoutPrimitiveArrays() throws IOException {
        ClassFileInfo info = ClassFileInfo.parse(classBytes(Sample.class.getName()));

        assertThat(info.referencedClasses())
                .contains(
                        PREFIX + "Sample",
                        PREFIX + "Base",
                        PREFIX + "Named",
                        PREFIX + "Helper",
                        PREFIX + "ArrayElement",
                        "java.lang.String",
                        "java.lang.Comparable")
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).doesNotContain("[", "/", ";"))
                .doesNotContain("I");
    }

    @Test
    void readsTheApiContextInterface() throws IOException {
        ClassFileInfo info = ClassFileInfo.parse(classBytes("io.econtext.Context"));

        assertThat(info.thisClass()).isEqualTo("io.econtext.Context");
        assertThat(info.superClass()).isEqualTo("java.lang.Object");
        assertThat(info.interfaces()).containsExactly("io.econtext.Caller");
        assertThat(info.referencedClasses()).contains("io.econtext.Context", "io.econtext.Caller");
        assertThat(info.majorVersion()).isEqualTo(61);
    }

    @Test
    void readsTheMajorVersionFromTheHeaderAlone() throws IOException {
        byte[] header = Arrays.copyOf(classBytes("io.econtext.Context"), 10);

        assertThat(ClassFileInfo.majorVersionOf(header)).isEqualTo(61);
        assertThatThrownBy(() -> ClassFileInfo.parse(header))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void namesJavaReleasesForMajorVersions() {
        assertThat(ClassFileInfo.javaVersionForMajor(61)).isEqualTo("Java 17");
        assertThat(ClassFileInfo.javaVersionForMajor(69)).isEqualTo("Java 25");
        assertThat(ClassFileInfo.javaVersionForMajor(52)).isEqualTo("Java 8");
        assertThat(ClassFileInfo.javaVersionForMajor(48)).isEqualTo("Java 1.4");
        assertThat(ClassFileInfo.runtimeMajorVersion()).isGreaterThanOrEqualTo(61);
    }

    @Test
    void rejectsBytesWithoutTheMagicNumber() {
        byte[] garbage = "this is not a class file at all".getBytes();

        assertThatThrownBy(() -> ClassFileInfo.parse(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a class file: bad magic 0x74686973 (expected 0xCAFEBABE)");
        assertThatThrownBy(() -> ClassFileInfo.majorVersionOf(garbage)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsShortAndTruncatedClassFiles() throws IOException {
        byte[] real = classBytes(Sample.class.getName());

        assertThatThrownBy(() -> ClassFileInfo.parse(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated header (0 bytes");
        for (int length : new int[] {11, 40, 100}) {
            assertThatThrownBy(() -> ClassFileInfo.parse(Arrays.copyOf(real, length)))
                    .as("first %d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void rejectsAnUnknownConstantPoolTag() throws IOException {
        byte[] bytes = new ClassFileBuilder().raw(99).build();

        assertThatThrownBy(() -> ClassFileInfo.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown constant pool tag 99");
    }

    @Test
    void rejectsAThisClassIndexThatIsNotAClassEntry() throws IOException {
        byte[] bytes = new ClassFileBuilder().utf8("a/B").thisAndSuper(1, 0).build();

        assertThatThrownBy(() -> ClassFileInfo.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this_class index 1 is not a CONSTANT_Class entry");
    }

    @Test
    void decodesModifiedUtf8AndSkipsTwoSlotConstants() throws IOException {
        byte[] bytes = new ClassFileBuilder()
                .utf8("p/Gr\u00f6\u00dfe\u20ac") // 1
                .classRef(1) // 2
                .longConstant(42L) // 3 and 4
                .utf8("java/lang/Object") // 5
                .classRef(5) // 6
                .utf8("[[Lq/Element;") // 7
                .classRef(7) // 8
                .utf8("[J") // 9
                .classRef(9) // 10
                .thisAndSuper(2, 6)
                .build();

        ClassFileInfo info = ClassFileInfo.parse(bytes);

        assertThat(info.thisClass()).isEqualTo("p.Gr\u00f6\u00dfe\u20ac");
        assertThat(info.superClass()).isEqualTo("java.lang.Object");
        assertThat(info.interfaces()).isEmpty();
        assertThat(info.referencedClasses())
                .containsExactly("p.Gr\u00f6\u00dfe\u20ac", "java.lang.Object", "q.Element");
    }

    @Test
    void hasNoSuperclassWhenSuperClassIndexIsZero() throws IOException {
        byte[] bytes = new ClassFileBuilder()
                .utf8("java/lang/Object")
                .classRef(1)
                .thisAndSuper(2, 0)
                .build();

        assertThat(ClassFileInfo.parse(bytes).superClass()).isNull();
    }

    @Test
    void aPoolCountTheFileCannotHoldIsRejectedBeforeAnythingIsAllocated() throws IOException {
        // found by ClassFileInfoFuzzTest: 30 bytes declaring 65535 pool entries allocated 331 KB
        byte[] bytes =
                Arrays.copyOf(new ClassFileBuilder().utf8("a/A").classRef(1).build(), 30);
        bytes[8] = (byte) 0xff;
        bytes[9] = (byte) 0xff;

        assertThatThrownBy(() -> ClassFileInfo.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a class file: truncated: 65534 constant pool entries at offset 10 need at least"
                        + " 196602 bytes, 20 left");
        assertThat(allocatedByASecondParse(bytes)).isLessThan(16 * 1024);
    }

    @Test
    void anInterfaceCountTheFileCannotHoldIsRejectedBeforeAnythingIsAllocated() throws IOException {
        // found by ClassFileInfoFuzzTest: 65535 interfaces declared with no bytes left allocated 266 KB
        byte[] full = new ClassFileBuilder()
                .utf8("a/A")
                .classRef(1)
                .thisAndSuper(2, 0)
                .build();
        byte[] bytes = Arrays.copyOf(full, full.length - 6);
        bytes[bytes.length - 2] = (byte) 0xff;
        bytes[bytes.length - 1] = (byte) 0xff;

        assertThatThrownBy(() -> ClassFileInfo.parse(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated: 65535 interfaces");
        assertThat(allocatedByASecondParse(bytes)).isLessThan(16 * 1024);
    }

    @Test
    void decodesANameOnceHoweverManyClassEntriesNameIt() throws IOException {
        // found by ClassFileInfoFuzzTest: each CONSTANT_Class decoded its UTF8 entry anew; here 3000 entries naming
        // one 60000-character name made 69 KB of class file allocate gigabytes and take seconds
        ClassFileBuilder builder = new ClassFileBuilder().utf8("a/" + "N".repeat(60_000));
        for (int i = 0; i < 3000; i++) {
            builder.classRef(1);
        }
        byte[] bytes = builder.thisAndSuper(2, 0).build();

        assertThat(ClassFileInfo.parse(bytes).referencedClasses()).containsExactly("a." + "N".repeat(60_000));
        assertThat(allocatedByASecondParse(bytes)).isLessThan(4L << 20);
    }

    @Test
    void rejectsAThisClassOrSupertypeThatNamesAnArray() throws IOException {
        // found by ClassFileInfoFuzzTest: this_class "[I" parsed as class "[I", absent from its referenced classes
        byte[] arrayClass =
                new ClassFileBuilder().utf8("[I").classRef(1).thisAndSuper(2, 0).build();
        byte[] arraySuper = new ClassFileBuilder()
                .utf8("a/A")
                .classRef(1)
                .utf8("[La/B;")
                .classRef(3)
                .thisAndSuper(2, 4)
                .build();
        byte[] emptyName =
                new ClassFileBuilder().utf8("").classRef(1).thisAndSuper(2, 0).build();

        assertThatThrownBy(() -> ClassFileInfo.parse(arrayClass))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a class file: this_class names '[I', not a class or interface");
        assertThatThrownBy(() -> ClassFileInfo.parse(arraySuper))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a class file: super_class names '[La/B;', not a class or interface");
        assertThatThrownBy(() -> ClassFileInfo.parse(emptyName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a class file: this_class names '', not a class or interface");
    }

    /** Bytes {@link ClassFileInfo#parse} allocates on {@code bytes}, measured after a first run loaded its classes. */
    private static long allocatedByASecondParse(byte[] bytes) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long used = 0;
        for (int run = 0; run < 2; run++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                ClassFileInfo.parse(bytes);
            } catch (IllegalArgumentException expected) {
                // asserted by the caller
            }
            used = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return used;
    }

    static byte[] classBytes(String binaryName) throws IOException {
        try (InputStream in =
                ClassFileInfoTest.class.getResourceAsStream("/" + binaryName.replace('.', '/') + ".class")) {
            assertThat(in).as("class file of %s", binaryName).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Writes minimal class files: header, the constant pool given, then this/super and no interfaces. */
    private static final class ClassFileBuilder {
        private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
        private final DataOutputStream poolOut = new DataOutputStream(pool);
        private int poolCount = 1;
        private int thisClass = 0;
        private int superClass = 0;

        ClassFileBuilder utf8(String value) throws IOException {
            poolOut.writeByte(1);
            poolOut.writeUTF(value); // modified UTF-8 with a u2 length, as in a class file
            poolCount++;
            return this;
        }

        ClassFileBuilder classRef(int nameIndex) throws IOException {
            poolOut.writeByte(7);
            poolOut.writeShort(nameIndex);
            poolCount++;
            return this;
        }

        ClassFileBuilder longConstant(long value) throws IOException {
            poolOut.writeByte(5);
            poolOut.writeLong(value);
            poolCount += 2;
            return this;
        }

        ClassFileBuilder raw(int tag) throws IOException {
            poolOut.writeByte(tag);
            poolCount++;
            return this;
        }

        ClassFileBuilder thisAndSuper(int thisIndex, int superIndex) {
            this.thisClass = thisIndex;
            this.superClass = superIndex;
            return this;
        }

        byte[] build() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            out.writeShort(poolCount);
            pool.writeTo(out);
            out.writeShort(0x21); // public super
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(0);
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
            return bytes.toByteArray();
        }
    }
}
