package io.econtext.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structured values of the value rows, built alike in the master and in a child, and the one value a child holds
 * for the child→master direction. A child loads this class (and {@link Item}) on its first value call.
 */
final class Values {
    /** The values a child built with {@link #hold}, by shape, returned by {@link #held}. */
    private static final Map<String, Object> HELD = new ConcurrentHashMap<>();

    private Values() {}

    /** A small record of the kind applications send by the thousand. */
    record Item(int id, long stamp, String name, double score) {}

    /** {@code n} ints, 0, -1, 2, -3, ... */
    static int[] ints(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i & 1) == 0 ? i : -i;
        }
        return a;
    }

    /** {@code n} short ASCII strings of 6 to 12 chars. */
    static List<String> strings(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add("item-" + i);
        }
        return list;
    }

    /** {@code n} records of four components. */
    static List<Item> items(int n) {
        List<Item> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Item(i, 1_700_000_000_000L + i, "name-" + i, i * 0.5));
        }
        return list;
    }

    /** Builds the value of {@code shape} ({@code ints}, {@code strings}, {@code items} or {@code bytes}) of n. */
    static Object build(String shape, int n) {
        switch (shape) {
            case "ints":
                return ints(n);
            case "strings":
                return strings(n);
            case "items":
                return items(n);
            case "bytes":
                return new byte[n];
            default:
                throw new IllegalArgumentException("shape : " + shape + " (expected: ints, strings, items, bytes)");
        }
    }

    /** How many elements {@code value} holds: its length or size. */
    static int count(Object value) {
        if (value instanceof int[]) {
            return ((int[]) value).length;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).length;
        }
        return ((List<?>) value).size();
    }

    /**
     * Builds and keeps the value of {@code shape} unless it is kept already, then collects the garbage once, so that the
     * value is old before any timed call returns it; returns its {@link #count}.
     */
    static int hold(String shape, int n) {
        Object v = HELD.get(shape);
        if (v == null || count(v) != n) {
            v = build(shape, n);
            HELD.put(shape, v);
            System.gc();
        }
        return count(v);
    }

    static Object held(String shape) {
        return HELD.get(shape);
    }
}
