package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first stage reads the runtime bundle from its stdin before any runtime class exists: a corrupt bundle ends it
 * with an {@link IOException} saying so, having allocated what arrived, not what the bytes declared. Each case was
 * found by {@code RuntimeBundleFuzzTest}; the stream goes through the stage's real entry point,
 * {@code EcontextStage1.embedded(stdin, stdout)}.
 */
@Timeout(10)
class Stage1BundleTest {
    @Test
    void rejectsAnEntryLongerThanTheBundle() {
        // was: ArrayIndexOutOfBoundsException: arraycopy: last source index 65543 out of bounds for byte[1024]
        byte[] content = {0, 1, 'a', 0, 1, 0, 0, 'x', 'y', 'z', 0, 0};

        assertThatThrownBy(() -> enter(stdin(deflate(content))))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime bundle is corrupt: 65536 bytes needed at 7, 5 left");
    }

    @Test
    void rejectsAnEntrySizeThatIsNegativeAsAnInt() {
        // was: NegativeArraySizeException: -16
        byte[] content = {0, 1, 'a', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 'x', 0, 0};

        assertThatThrownBy(() -> enter(stdin(deflate(content))))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime bundle is corrupt: 4294967280 bytes needed at 7, 3 left");
    }

    @Test
    void rejectsABundleWithoutItsTerminator() {
        // was: ArrayIndexOutOfBoundsException reading past the inflated bytes
        byte[] content = {0, 1, 'a', 0, 0, 0, 1, 'x'};

        assertThatThrownBy(() -> enter(stdin(deflate(content))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("runtime bundle is corrupt: 2 bytes needed at 8");
    }

    @Test
    void allocatesWhatArrivedNotTheTwoGibibytesTheLengthDeclares() {
        // was: 1.2 GB allocated for 14 bytes of stdin (OutOfMemoryError on a smaller heap)
        byte[] stream = ByteBuffer.allocate(14)
                .putInt(Integer.MAX_VALUE)
                .put(new byte[10])
                .array();

        assertThatThrownBy(() -> enter(stream))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime bundle: implausible length 2147483647");
        assertThat(allocatedByASecondRun(stream)).isLessThan(1 << 20);
    }

    @Test
    void allocatesWhatArrivedWhenAPlausibleLengthIsCutShort() {
        byte[] stream =
                ByteBuffer.allocate(14).putInt(60 << 20).put(new byte[10]).array();

        assertThatThrownBy(() -> enter(stream))
                .isInstanceOf(IOException.class)
                .hasMessage("stdin ended inside the runtime bundle");
        assertThat(allocatedByASecondRun(stream)).isLessThan(1 << 20);
    }

    /** Runs the first stage on {@code stdin} as an embedded context does; throws what it throws. */
    private static void enter(byte[] stdin) throws Throwable {
        Method embedded = Class.forName("EcontextStage1").getMethod("embedded", InputStream.class, OutputStream.class);
        try {
            embedded.invoke(null, new ByteArrayInputStream(stdin), new ByteArrayOutputStream());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static byte[] stdin(byte[] deflated) {
        return ByteBuffer.allocate(4 + deflated.length)
                .putInt(deflated.length)
                .put(deflated)
                .array();
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] out = new byte[content.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    /** Bytes the first stage allocates reading {@code stdin}, measured after a first run loaded what it needs. */
    private static long allocatedByASecondRun(byte[] stdin) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long used = 0;
        for (int run = 0; run < 2; run++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                enter(stdin);
            } catch (Throwable expected) {
                // asserted by the caller
            }
            used = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return used;
    }
}
