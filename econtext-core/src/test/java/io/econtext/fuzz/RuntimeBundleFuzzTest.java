package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.internal.loader.BundleReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Fuzzes both readers of the runtime bundle a child reads from its stdin ({@code [u32 n][n bytes raw DEFLATE]}, see
 * {@code RuntimeBundle}): the first stage's own (it boots the child, before any runtime class exists) and
 * {@link BundleReader}. Input layout: one setup byte (bits 0-2: read chunk of 1..128 bytes), then the stream.
 *
 * <p>Contract, for each: the entries, or an {@link IOException} saying what was wrong; no more memory than the bytes
 * that arrived and what they inflate to describe; and when both accept a bundle, they read the same entries.
 */
class RuntimeBundleFuzzTest {
    static final long ALLOCATION_PER_BYTE = 24;
    /** The first read of either reader, before the bundle's bytes arrive (its buffer then grows as they do). */
    static final long FIRST_READ = 128 << 10;

    private static final Method STAGE1_READ_FULLY;
    private static final Method STAGE1_INFLATE;

    static {
        try {
            Class<?> stage1 = Class.forName("EcontextStage1");
            STAGE1_READ_FULLY = stage1.getDeclaredMethod("readFully", InputStream.class, int.class);
            STAGE1_INFLATE = stage1.getDeclaredMethod("inflate", byte[].class);
            STAGE1_READ_FULLY.setAccessible(true);
            STAGE1_INFLATE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void bothReadersReadTheSameEntriesOrFailWithIOException(byte[] input) throws Exception {
        long budget = FIRST_READ + ALLOCATION_PER_BYTE * (input.length + inflatedLength(input));
        Object[] stage1 = new Object[1];
        Object[] reader = new Object[1];
        AllocationBudget.enforce("the first stage's bundle reader", input.length, budget, () -> {
            stage1[0] = readAsStage1(Trickle.afterHeader(input));
        });
        AllocationBudget.enforce("BundleReader", input.length, budget, () -> {
            try {
                reader[0] = BundleReader.read(Trickle.afterHeader(input));
            } catch (IOException rejected) {
                reader[0] = rejected;
            }
        });
        if (stage1[0] instanceof Map && reader[0] instanceof Map) {
            Map<?, ?> a = (Map<?, ?>) stage1[0];
            Map<?, ?> b = (Map<?, ?>) reader[0];
            assertThat(a.keySet()).isEqualTo(b.keySet());
            for (Object name : a.keySet()) {
                assertThat((byte[]) a.get(name)).as("entry %s", name).isEqualTo((byte[]) b.get(name));
            }
        }
    }

    /** What the first stage does with its stdin: {@code enter} reads the length, the bundle, then inflates it. */
    private static Object readAsStage1(InputStream in) throws Exception {
        try {
            byte[] head = (byte[]) STAGE1_READ_FULLY.invoke(null, in, 4);
            int n = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            byte[] wire = (byte[]) STAGE1_READ_FULLY.invoke(null, in, n);
            return STAGE1_INFLATE.invoke(null, (Object) wire);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                return cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw (Exception) cause;
        }
    }

    /**
     * What the DEFLATE data after the length prefix inflates to, counted without keeping it (bounded): a bundle may
     * legitimately allocate what its compressed bytes describe.
     */
    /** What the bundle's bytes inflate to, up to where they turn out corrupt: the readers may allocate for that much. */
    private static long inflatedLength(byte[] input) {
        if (input.length <= 5) {
            return 0;
        }
        Inflater inflater = new Inflater(true);
        long total = 0;
        try {
            inflater.setInput(input, 5, input.length - 5);
            byte[] scratch = new byte[8192];
            while (!inflater.finished() && total < (512L << 20)) {
                int n = inflater.inflate(scratch);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (DataFormatException e) {
            return total;
        } finally {
            inflater.end();
        }
    }
}
