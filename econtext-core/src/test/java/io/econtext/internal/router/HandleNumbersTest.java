package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class HandleNumbersTest {
    @Test
    void neverRepeatsANumberWithinItsRangeAndStaysInIt() {
        HandleNumbers numbers = new HandleNumbers(new long[] {1, 2, 3, 4});
        BitSet seen = new BitSet(HandleNumbers.RANGE);
        int n = 1 << 20;

        for (int i = 0; i < n; i++) {
            int h = numbers.next();
            assertThat(h).isBetween(Handles.FIRST_DYNAMIC, Handles.FIRST_DYNAMIC + HandleNumbers.RANGE - 1);
            assertThat(seen.get(h - Handles.FIRST_DYNAMIC))
                    .as("handle %d repeated", h)
                    .isFalse();
            seen.set(h - Handles.FIRST_DYNAMIC);
        }
    }

    @Test
    void differentKeysGiveUnrelatedSequences() {
        HandleNumbers a = new HandleNumbers(new long[] {1, 2, 3, 4});
        HandleNumbers b = new HandleNumbers(new long[] {5, 6, 7, 8});
        int same = 0;
        int neighbours = 0;
        int previous = a.next();
        b.next();

        for (int i = 0; i < 10_000; i++) {
            int x = a.next();
            if (x == b.next()) {
                same++;
            }
            if (Math.abs(x - previous) < 1000) {
                neighbours++;
            }
            previous = x;
        }

        assertThat(same).isZero();
        assertThat(neighbours).as("successive numbers close together").isLessThan(10);
    }

    @Test
    void twoTablesWithSecretKeysNumberDifferently() {
        HandleNumbers a = new HandleNumbers();
        HandleNumbers b = new HandleNumbers();

        assertThat(new int[] {a.next(), a.next(), a.next()}).isNotEqualTo(new int[] {b.next(), b.next(), b.next()});
    }
}
