package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Structured values at full size through a real child, each way: as a call's argument (the child rebuilds the value
 * and compares) and as its result (the master compares). Correctness only: how fast is the bench's business ({@code
 * econtext bench}, the value rows); before the codec grew linearly, {@code int[200000]} alone took 6 s to come back.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeValuesTest {
    record Item(int id, long stamp, String name, double score) {}

    private Router router;
    private Context child;

    @BeforeAll
    void boot() {
        router = Econtext.newRouter();
        child = router.connect(Local.spec().name("large-values"));
    }

    @AfterAll
    void close() {
        router.close();
    }

    static int[] ints(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0x9E3779B9; // every bit pattern, negative ones included
        }
        return a;
    }

    static long[] longs(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0x9E3779B97F4A7C15L;
        }
        a[0] = Long.MIN_VALUE;
        a[n - 1] = Long.MAX_VALUE;
        return a;
    }

    static double[] doubles(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i / 3.0;
        }
        a[0] = -0.0;
        a[1] = Double.NaN;
        a[2] = Double.NEGATIVE_INFINITY;
        a[n - 1] = Double.MIN_VALUE;
        return a;
    }

    /** Short strings, mostly ASCII; every 1000th is not (the encoder's other path). */
    static List<String> strings(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i % 1000 == 7 ? "größe-" + i + "-€" : "item-" + i);
        }
        return list;
    }

    static List<Item> items(int n) {
        List<Item> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Item(i, -1_700_000_000_000L * i, i % 10 == 0 ? null : "name-" + i, i * 0.25));
        }
        return list;
    }

    static List<Integer> boxed(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i - n / 2);
        }
        return list;
    }

    @Test
    void aMillionIntsEachWay() {
        int[] value = ints(1_000_000);

        assertThat(child.call(() -> Arrays.equals(value, LargeValuesTest.ints(1_000_000))))
                .as("the child received them intact")
                .isTrue();
        assertThat(child.call(() -> LargeValuesTest.ints(1_000_000))).isEqualTo(value);
    }

    @Test
    void aMillionLongsAndDoublesEachWay() {
        long[] longs = longs(1_000_000);
        double[] doubles = doubles(1_000_000);

        assertThat(child.call(() -> Arrays.equals(longs, LargeValuesTest.longs(1_000_000))
                        && Arrays.equals(doubles, LargeValuesTest.doubles(1_000_000))))
                .isTrue();
        assertThat(child.call(() -> LargeValuesTest.longs(1_000_000))).isEqualTo(longs);
        assertThat(child.call(() -> LargeValuesTest.doubles(1_000_000))).isEqualTo(doubles);
    }

    @Test
    void aMillionShortStringsEachWay() {
        List<String> value = strings(1_000_000);

        assertThat(child.call(() -> value.equals(LargeValuesTest.strings(1_000_000))))
                .isTrue();
        assertThat(child.call(() -> value.getClass().getName()))
                .as("a list arrives as an ArrayList, also when two threads decoded it")
                .isEqualTo("java.util.ArrayList");
        List<String> back = child.call(() -> LargeValuesTest.strings(1_000_000));
        assertThat(back).isInstanceOf(ArrayList.class).isEqualTo(value);
    }

    @Test
    void aHundredThousandSmallRecordsEachWay() {
        List<Item> value = items(100_000);

        assertThat(child.call(() -> value.equals(LargeValuesTest.items(100_000))))
                .isTrue();
        List<Item> back = child.call(() -> LargeValuesTest.items(100_000));
        assertThat(back).isEqualTo(value);
        assertThat(back.get(1)).isInstanceOf(Item.class);
    }

    @Test
    void aMillionBoxedIntegersEachWay() {
        List<Integer> value = boxed(1_000_000);

        assertThat(child.call(() -> value.equals(LargeValuesTest.boxed(1_000_000))))
                .isTrue();
        assertThat(child.call(() -> LargeValuesTest.boxed(1_000_000))).isEqualTo(value);
    }
}
