package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keys crafted to share one hash code make a hash table compare each new key with all the others: 40,000 lists
 * {@code [i, -31 i]} (437 KB on the wire) kept the decoding thread busy for 21 s before the decoder refused them.
 * Such a set or map is refused before it is built; real sets and maps decode as before.
 */
@Timeout(10)
class HashFloodingTest {
    private static final int KEYS = 40_000;

    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    @Test
    void refusesASetWhoseElementsShareOneHashCode() {
        byte[] payload = codec.encode(new ListedSet<>(collidingLists(KEYS)));

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("more than " + ValueDecoder.MAX_EQUAL_HASH_CODES + " keys of a set of " + KEYS
                        + " share the hash code 0");
    }

    @Test
    void refusesAMapWhoseKeysShareOneHashCode() {
        byte[] payload = codec.encode(new ListedMap(collidingLists(KEYS)));

        assertThatThrownBy(() -> codec.decode(payload, 0, payload.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("keys of a map of " + KEYS + " share the hash code 0");
    }

    @Test
    void decodesLargeSetsAndMapsOfOrdinaryKeys() {
        Set<Object> strings = new HashSet<>();
        Set<Object> lists = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            strings.add("host-" + i);
            lists.add(List.of((long) i, "x" + i));
        }

        assertThat(roundTrip(strings)).isEqualTo(strings);
        assertThat(roundTrip(lists)).isEqualTo(lists);
        assertThat(roundTrip(Map.of("a", 1L, "b", 2L))).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    /** Lists [a, b] with 31 (31 + a) + b = 0: every one of them has the hash code 0. */
    private static List<Object> collidingLists(int n) {
        List<Object> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(List.of(i + 31, -31 * i - 961 - 31 * 31));
        }
        return keys;
    }

    /** A set that is only a list: the sender side may hold such keys without hashing them. */
    private static final class ListedSet<E> extends AbstractSet<E> {
        private final List<E> elements;

        ListedSet(List<E> elements) {
            this.elements = elements;
        }

        @Override
        public Iterator<E> iterator() {
            return elements.iterator();
        }

        @Override
        public int size() {
            return elements.size();
        }
    }

    private static final class ListedMap extends AbstractMap<Object, Object> {
        private final List<Object> keys;

        ListedMap(List<Object> keys) {
            this.keys = keys;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            List<Entry<Object, Object>> entries = new ArrayList<>(keys.size());
            for (Object k : keys) {
                entries.add(new SimpleImmutableEntry<>(k, "v"));
            }
            return new ListedSet<>(entries);
        }
    }
}
