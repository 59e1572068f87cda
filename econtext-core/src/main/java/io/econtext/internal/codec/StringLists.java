package io.econtext.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Large lists of strings, the one structured value whose elements are independent and cost the same: encoded and
 * decoded in two halves at once, one by the calling thread and one by a helper of the common pool, on a machine with
 * two cores or more. The bytes are exactly those of the one-thread path; a list that is not all strings, or a payload
 * that is not exactly what this expects, takes that path instead, which also reports every error.
 *
 * <pre>
 *   list:  | LIST | count | STRING len bytes | STRING len bytes | ... |
 *                          `----- first half -----' `---- second half ----'
 *   encode: the caller writes the first half into the sink, a helper the second into a sink of its own; then appended
 *   decode: one scan finds every element's extent, checks the budget and the middle; then each half into one array
 * </pre>
 *
 * <p>Threads: the helper's half is claimed by whichever thread gets to it first, so a busy common pool only means the
 * caller does both halves itself; the caller waits for a half the helper claimed (it is running, not queued).
 */
final class StringLists {
    /** The fewest elements a list has for two threads to be worth their hand-over (some 50 µs). */
    static final int PARALLEL_MIN = 1 << 16;

    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;
    /** Lists encoded or decoded in two halves so far (for tests: that a split happened at all). */
    private static final AtomicLong SPLITS = new AtomicLong();

    private StringLists() {}

    static long splitCount() {
        return SPLITS.get();
    }

    /** True when a list of {@code size} elements is split at all. */
    static boolean splits(int size) {
        return PARALLEL && size >= PARALLEL_MIN;
    }

    /**
     * Writes the elements of {@code items} (its tag and count written already) when it is a random-access list large
     * enough to split and every element is a {@link String}; returns false, with nothing written, when not.
     */
    static boolean encodeElements(ByteSink out, Collection<?> items) {
        if (!(items instanceof RandomAccess) || !splits(items.size())) {
            return false;
        }
        List<?> list = (List<?>) items;
        int size = list.size();
        int mid = size >>> 1;
        ByteSink second = new ByteSink(Math.max(16, (size - mid) * 12));
        SplitHalf half = new SplitHalf() {
            @Override
            boolean work() {
                return encodeRange(second, list, mid, size);
            }
        };
        half.start();
        int before = out.size();
        boolean firstOk = encodeRange(out, list, 0, mid);
        boolean secondOk = half.finish();
        if (!firstOk || !secondOk) {
            out.truncate(before);
            return false;
        }
        out.writeBytes(second.array(), 0, second.size());
        SPLITS.incrementAndGet();
        return true;
    }

    /** Writes elements {@code [from, to)} as tagged strings; false at the first that is not a string. */
    private static boolean encodeRange(ByteSink out, List<?> list, int from, int to) {
        for (int i = from; i < to; i++) {
            Object item = list.get(i);
            if (!(item instanceof String)) {
                return false;
            }
            out.writeTaggedUtf8(Tags.STRING, (String) item);
        }
        return true;
    }

    /**
     * Decodes the {@code size} elements at {@code in}'s position (the list's count read and charged already) when each
     * is a well-formed string, all fit in {@code decoder}'s budget and the list is large enough to split: charges them and leaves {@code in} after the
     * last. Returns {@code null}, with nothing read or charged, when they are not.
     */
    static ArrayList<Object> decodeElements(ByteSource in, int size, ValueDecoder decoder) {
        if (!splits(size)) {
            return null;
        }
        byte[] d = in.array();
        int start = in.position();
        int end = start + in.remaining();
        int mid = size >>> 1;
        int midAt = -1;
        long charge = 0;
        int p = start;
        for (int i = 0; i < size; i++) {
            if (i == mid) {
                midAt = p;
            }
            if (p >= end || d[p] != Tags.STRING) {
                return null;
            }
            int q = p + 1;
            int n = 0;
            int b;
            int shift = 0;
            do {
                if (q >= end || shift > 21) {
                    return null; // truncated, or a length of more than 4 bytes: the one-thread path says which
                }
                b = d[q++];
                n |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if (n > end - q) {
                return null;
            }
            charge += ValueDecoder.STRING + (q - p - 1) + n;
            p = q + n;
        }
        if (charge > decoder.budget() - decoder.charged()) {
            return null;
        }
        Object[] items = new Object[size];
        int secondAt = midAt;
        SplitHalf half = new SplitHalf() {
            @Override
            boolean work() {
                return decodeRange(d, secondAt, items, mid, size);
            }
        };
        half.start();
        decodeRange(d, start, items, 0, mid);
        half.finish();
        decoder.charge(charge);
        in.rewind(p);
        SPLITS.incrementAndGet();
        return new ArrayList<Object>(Arrays.asList(items));
    }

    /** Decodes elements {@code [from, to)}, the first at {@code p}, already checked by the scan. */
    private static boolean decodeRange(byte[] d, int p, Object[] items, int from, int to) {
        for (int i = from; i < to; i++) {
            p++; // the tag
            int n = 0;
            int b;
            int shift = 0;
            do {
                b = d[p++];
                n |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            items[i] = new String(d, p, n, StandardCharsets.UTF_8);
            p += n;
        }
        return true;
    }
}
