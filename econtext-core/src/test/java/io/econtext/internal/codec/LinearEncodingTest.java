package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Encoding many small values stays linear: the sink never copies more than twice what it ends up holding, whatever
 * the shape. Counted, not timed: {@link ByteSink#bytesCopiedToGrow()}. Each value ends past twice the sink's large-write
 * size (256 KiB), so the sink grows at least once from beyond it, where a sink that grew to exactly the size needed
 * (the old defect) copied everything per element: gigabytes here, and {@code int[200000]} took 6 s.
 */
class LinearEncodingTest {
    record Point(int x, long y, String label, double weight) {}

    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    private static <T> List<T> listOf(int n, IntFunction<T> element) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.apply(i));
        }
        return list;
    }

    private void assertLinear(Object value) {
        ByteSink out = new ByteSink(0);

        codec.encode(value, out);

        assertThat(out.size()).as("the value ends past the large-write size").isGreaterThan(520 * 1024);
        assertThat(out.bytesCopiedToGrow())
                .as("bytes copied to grow a sink of %d bytes", out.size())
                .isLessThanOrEqualTo(2L * out.size());
    }

    @Test
    void shortStrings() {
        assertLinear(listOf(50_000, i -> "item-" + i));
    }

    @Test
    void nonAsciiStrings() {
        assertLinear(listOf(40_000, i -> "größe-" + i));
    }

    @Test
    void smallRecords() {
        assertLinear(listOf(9_000, i -> new Point(i, -i, "p" + i, i / 2.0)));
    }

    @Test
    void boxedNumbers() {
        assertLinear(listOf(100_000, i -> i * 1_000_003));
        assertLinear(listOf(75_000, i -> (long) i << 40));
    }

    @Test
    void primitiveArraysInAList() {
        assertLinear(listOf(60_000, i -> new int[] {i, -i}));
    }

    @Test
    void aMapOfLists() {
        Map<String, List<Integer>> map = new LinkedHashMap<>();
        for (int i = 0; i < 36_000; i++) {
            map.put("k" + i, List.of(i, i + 1));
        }
        assertLinear(map);
    }
}
