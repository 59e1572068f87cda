package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class HandleNumbersTest {
    private static final long[] KEYS = {
        0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L, 0x94D049BB133111EBL, 0xD6E8FEB86659FD93L,
        0x2545F4914F6CDD1DL, 0x5851F42D4C957F2DL, 0x14057B7EF767814FL, 0xDA942042E4DD58B5L
    };
    private static final long[] OTHER_KEYS = {
        0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0x27D4EB2F165667C5L, 0xFF51AFD7ED558CCDL,
        0xC4CEB9FE1A85EC53L, 0x87C37B91114253D5L, 0x4CF5AD432745937FL, 0x52DCE729DA3ED7EBL
    };

    @Test
    void neverRepeatsANumberWithinItsRangeAndStaysInIt() {
        HandleNumbers numbers = new HandleNumbers(KEYS);
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
        HandleNumbers a = new HandleNumbers(KEYS);
        HandleNumbers b = new HandleNumbers(OTHER_KEYS);
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
