package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.internal.loader.ClassFileInfo;

/**
 * Fuzzes {@link ClassFileInfo}: a child checks the version of every class its parent sends
 * ({@link ClassFileInfo#majorVersionOf}), the master reads the constant pool of every class it serves. The input is
 * one class file, or not.
 *
 * <p>Contract: the class's names, or an {@link IllegalArgumentException} saying why the bytes are not a class file;
 * allocations proportional to the file, whatever counts its header declares.
 */
class ClassFileInfoFuzzTest {
    static final long ALLOCATION_PER_BYTE = 32;

    @FuzzTest
    void readsNamesOrFailsWithIllegalArgumentException(byte[] classFile) throws Exception {
        AllocationBudget.enforce(
                "ClassFileInfo", classFile.length, ALLOCATION_PER_BYTE * classFile.length, () -> parse(classFile));
    }

    private static void parse(byte[] classFile) {
        ClassFileInfo info;
        try {
            info = ClassFileInfo.parse(classFile);
        } catch (IllegalArgumentException notAClassFile) {
            return;
        }
        assertThat(info.majorVersion()).isEqualTo(ClassFileInfo.majorVersionOf(classFile));
        assertThat(info.thisClass()).isNotNull();
        assertThat(info.referencedClasses()).contains(info.thisClass()).doesNotHaveDuplicates();
        assertThat(info.interfaces()).doesNotContainNull();
    }
}
