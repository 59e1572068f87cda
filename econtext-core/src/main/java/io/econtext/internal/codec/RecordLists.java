package io.econtext.internal.codec;

import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.Sender;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Large lists of flat records, the rows of a table: one record class whose components are each a primitive, a box or
 * a {@code String}. Encoded and decoded in two halves at once, one by the calling thread and one by a helper of the
 * common pool (see {@link SplitHalf}), on a machine with two cores or more. The bytes and the decoded list are
 * exactly those of the one-thread path; a list or payload that is anything else takes that path instead, which also
 * reports every error (a half that fails is dropped, and the whole list is done again by the caller alone).
 *
 * <pre>
 *   list:  | LIST | count | RECORD name n c1 .. cn | RECORD name n c1 .. cn | ... |
 *                          `------- first half -------' `------ second half ------'
 *   encode: the caller writes the first half into the sink, a helper the second into a sink of its own; then appended
 *   decode: a scan of the first half finds where the second starts; then each half by a decoder of its own, whose
 *           hooks know only the one record class (resolved first, by the caller); the first must end where the second
 *           starts, and both are charged to the payload's budget
 * </pre>
 *
 * <p>Accessors and canonical constructors of the record run on both threads, each on its own records. They are the
 * application's code and may block, on a lock the caller holds even: the caller waits for the helper's half a few
 * times as long as its own took (at least 50 ms), then does that half itself, and what the helper makes is not used.
 */
final class RecordLists {
    /** The fewest elements a list has for two threads to be worth their hand-over (some 50 µs; a record is ~70 ns). */
    static final int PARALLEL_MIN = 1 << 12;

    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;
    /** The least the caller waits for the helper's half (see {@link #patience}). */
    private static final long MIN_PATIENCE_NANOS = 50_000_000L;
    /** Lists encoded or decoded in two halves so far (for tests: that a split happened at all). */
    private static final AtomicLong SPLITS = new AtomicLong();

    /** Whether a record class is flat: every component a primitive, a box or a String, so every value a scalar. */
    private static final ClassValue<Boolean> FLAT = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> t = component.getType();
                if (!t.isPrimitive()
                        && t != String.class
                        && t != Integer.class
                        && t != Long.class
                        && t != Double.class
                        && t != Float.class
                        && t != Short.class
                        && t != Byte.class
                        && t != Character.class
                        && t != Boolean.class) {
                    return false;
                }
            }
            return true;
        }
    };

    private RecordLists() {}

    static long splitCount() {
        return SPLITS.get();
    }

    /**
     * Writes the elements of {@code items} (its tag and count written already) when it is a random-access list whose
     * first element is a flat record and every other one a record of the same class; returns false, with nothing
     * written, when not, or when encoding an element failed (the one-thread path then says where and why).
     */
    static boolean encodeElements(ByteSink out, Collection<?> items, int depth, CodecHooks hooks) {
        if (!PARALLEL || !(items instanceof RandomAccess) || items.isEmpty()) {
            return false;
        }
        List<?> list = (List<?>) items;
        Object first = list.get(0);
        if (!isFlatRecord(first)) {
            return false;
        }
        Class<?> type = first.getClass();
        int size = list.size();
        int mid = size >>> 1;
        int before = out.size();
        EncodedHalf half = new EncodedHalf() {
            @Override
            boolean work() {
                // made here, in the helper's own allocation buffer (see decodeElements)
                out = new ByteSink((int) Math.min(1 << 26, 48L * (size - mid)));
                return encodeRange(out, list, mid, size, type, depth, hooks);
            }
        };
        half.start();
        long t0 = System.nanoTime();
        boolean firstOk = encodeRange(out, list, 0, mid, type, depth, hooks);
        Boolean secondOk = half.finish(patience(System.nanoTime() - t0));
        if (secondOk == null) { // the helper is late (blocked in an accessor?): the caller writes its half too
            secondOk = firstOk && encodeRange(out, list, mid, size, type, depth, hooks);
            if (!secondOk) {
                out.truncate(before);
            }
            return secondOk;
        }
        if (!firstOk || !secondOk) {
            out.truncate(before);
            return false;
        }
        out.writeBytes(half.out.array(), 0, half.out.size());
        SPLITS.incrementAndGet();
        return true;
    }

    /**
     * Whether {@code v} is a record the encoder writes as one (not a reference or collection that happens to be a
     * record) whose class is flat and open to reflection.
     */
    private static boolean isFlatRecord(Object v) {
        if (v == null
                || v instanceof Collection
                || v instanceof Map
                || v instanceof Secret
                || v instanceof Context
                || v instanceof Sender) {
            return false;
        }
        Class<?> c = v.getClass();
        return c.getSuperclass() == Record.class
                && RecordAccess.isRecord(c)
                && RecordAccess.of(c).failure() == null
                && FLAT.get(c);
    }

    /** Writes elements {@code [from, to)}; false at the first of another class, or that fails to encode. */
    private static boolean encodeRange(
            ByteSink out, List<?> list, int from, int to, Class<?> type, int depth, CodecHooks hooks) {
        try {
            for (int i = from; i < to; i++) {
                Object item = list.get(i);
                if (item == null || item.getClass() != type) {
                    return false;
                }
                ValueEncoder.write(out, item, depth + 1, hooks);
            }
            return true;
        } catch (RuntimeException e) { // the one-thread path meets it again and says which element
            return false;
        }
    }

    /**
     * Decodes the {@code size} elements at {@code in}'s position (the list's count read and charged already) when the
     * first half is flat records: charges them and leaves {@code in} after the last. Returns {@code null}, with
     * nothing read or charged, when the list is anything else or a half fails to decode.
     */
    static ArrayList<Object> decodeElements(
            ByteSource in, int size, int depth, ValueDecoder decoder, CodecHooks hooks) {
        if (!PARALLEL) {
            return null;
        }
        byte[] d = in.array();
        int start = in.position();
        int end = start + in.remaining();
        if (skipFlatRecord(d, start, end) < 0) {
            return null;
        }
        long name = varint(d, start + 1, end); // checked by the skip
        String className = new String(d, (int) name, (int) (name >>> 32), StandardCharsets.UTF_8);
        Class<?> type;
        try {
            type = hooks.resolveClass(className);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null; // the one-thread path resolves it again, and says why it failed
        }
        CodecHooks oneClass = new OneRecordClass(className, type);
        int mid = size >>> 1;
        DecodedHalf half = new DecodedHalf() {
            @Override
            boolean work() {
                int at = start;
                for (int i = 0; i < mid; i++) {
                    at = skipFlatRecord(d, at, end);
                    if (at < 0) {
                        return false;
                    }
                }
                midAt = at;
                // made here, in the helper's own allocation buffer: not on a cache line with the caller's decoder,
                // whose position and budget change with every value (sharing one made both halves 2-3 times slower)
                in = new ByteSource(d, at, end - at);
                decoder = new ValueDecoder(in, oneClass, null, false);
                items = new Object[size - mid]; // its own: a helper left behind (see below) writes into nothing used
                return decodeRange(decoder, items, 0, size - mid, depth);
            }
        };
        half.start();
        long t0 = System.nanoTime();
        Object[] items = new Object[size];
        ByteSource firstIn = new ByteSource(d, start, end - start);
        ValueDecoder firstDecoder = new ValueDecoder(firstIn, oneClass, null, false);
        boolean firstOk = decodeRange(firstDecoder, items, 0, mid, depth);
        Boolean secondOk = half.finish(patience(System.nanoTime() - t0));
        long charged;
        int after;
        if (secondOk == null) { // the helper is late (blocked in a constructor?): the caller reads on
            if (!firstOk || !decodeRange(firstDecoder, items, mid, size, depth)) {
                return null;
            }
            charged = firstDecoder.charged();
            after = firstIn.position();
        } else {
            if (!secondOk || !firstOk || firstIn.position() != half.midAt) {
                return null;
            }
            System.arraycopy(half.items, 0, items, mid, size - mid);
            charged = firstDecoder.charged() + half.decoder.charged();
            after = half.in.position();
            SPLITS.incrementAndGet();
        }
        decoder.charge(charged);
        in.rewind(after);
        return new ArrayList<Object>(Arrays.asList(items));
    }

    /**
     * How long the caller waits for the helper's half once its own took {@code ownNanos}: the helper's takes about as
     * long, so a helper that is not done after several times that (and at least {@link #MIN_PATIENCE_NANOS}) is
     * blocked or not running, and the caller does that half itself.
     */
    private static long patience(long ownNanos) {
        return Math.max(MIN_PATIENCE_NANOS, 4 * ownNanos);
    }

    /** Decodes elements {@code [from, to)}; false when one fails (the one-thread path meets it again and reports it). */
    private static boolean decodeRange(ValueDecoder decoder, Object[] items, int from, int to, int depth) {
        try {
            for (int i = from; i < to; i++) {
                items[i] = decoder.read(depth + 1);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The position after the flat record at {@code p}: its tag, class name, component count and components, each a
     * null, boolean, number, char or string. -1 when it is not one, or runs past {@code end}. Only finds the extent:
     * what is in it is checked by the decoder that reads it.
     */
    private static int skipFlatRecord(byte[] d, int p, int end) {
        if (p >= end || d[p] != Tags.RECORD) {
            return -1;
        }
        long v = varint(d, p + 1, end);
        if (v < 0 || (v >>> 32) > end - (int) v) {
            return -1;
        }
        p = (int) v + (int) (v >>> 32);
        v = varint(d, p, end);
        if (v < 0) {
            return -1;
        }
        p = (int) v;
        for (int n = (int) (v >>> 32); n > 0; n--) {
            if (p >= end) {
                return -1;
            }
            switch (d[p++]) {
                case Tags.NULL:
                case Tags.FALSE:
                case Tags.TRUE:
                    break;
                case Tags.BYTE:
                    p += 1;
                    break;
                case Tags.SHORT:
                case Tags.CHAR:
                    p += 2;
                    break;
                case Tags.FLOAT:
                    p += 4;
                    break;
                case Tags.DOUBLE:
                    p += 8;
                    break;
                case Tags.INT:
                case Tags.LONG:
                    while (p < end && d[p] < 0) {
                        p++;
                    }
                    p++;
                    break;
                case Tags.STRING:
                    v = varint(d, p, end);
                    if (v < 0 || (v >>> 32) > end - (int) v) {
                        return -1;
                    }
                    p = (int) v + (int) (v >>> 32);
                    break;
                default:
                    return -1;
            }
            if (p > end) {
                return -1;
            }
        }
        return p;
    }

    /**
     * The varint at {@code p}, at most 31 bits: its value in the high half of the result, the position after it in the
     * low half; -1 when it is longer, larger or runs past {@code end}.
     */
    private static long varint(byte[] d, int p, int end) {
        int n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (p >= end) {
                return -1;
            }
            int b = d[p++];
            n |= (b & 0x7F) << shift;
            if (b >= 0) {
                return n < 0 || (shift == 28 && (b & 0x70) != 0) ? -1 : ((long) n << 32) | p;
            }
        }
        return -1;
    }

    /** The second half of an encoded list: what the helper wrote. */
    private abstract static class EncodedHalf extends SplitHalf {
        ByteSink out;
    }

    /**
     * The second half of a decoded list: where it starts, what the helper read from, its decoder (for what it charged)
     * and the elements it made.
     */
    private abstract static class DecodedHalf extends SplitHalf {
        int midAt = -1;
        ByteSource in;
        ValueDecoder decoder;
        Object[] items;
    }

    /**
     * The hooks of a half's decoder: the one record class, resolved by the caller before the split; any other class,
     * reference or type codec fails the half.
     */
    private static final class OneRecordClass implements CodecHooks {
        private final String name;
        private final Class<?> type;

        OneRecordClass(String name, Class<?> type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            if (!binaryName.equals(name)) {
                throw new ClassNotFoundException(binaryName);
            }
            return type;
        }

        @Override
        public Context context(int id, String contextName) {
            throw new UnsupportedOperationException("a context reference in a split list");
        }

        @Override
        public Sender<?> sender(int contextId, int handle) {
            throw new UnsupportedOperationException("a sender reference in a split list");
        }
    }
}
