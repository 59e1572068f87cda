package io.econtext.internal.codec;

import java.util.Arrays;
import java.util.List;

/**
 * Decodes the identity of a lambda (the part of {@link Tags#LAMBDA} before its captured values), reusing the strings of
 * an identical identity decoded before. A process calls few distinct lambdas many times; reuse saves decoding six
 * strings per call and hands the router strings whose hash codes are already computed.
 *
 * <p>A small direct-mapped table keyed by the bytes of the method name; a miss just decodes. Thread-safe: entries are
 * immutable, and a racy overwrite only costs a miss.
 */
final class LambdaRefCache {
    private static final int SIZE = 64;

    private static final class Entry {
        final byte[] header;
        final LambdaRef identity;

        Entry(byte[] header, LambdaRef identity) {
            this.header = header;
            this.identity = identity;
        }
    }

    private final Entry[] entries = new Entry[SIZE];

    /**
     * Reads an identity whose tag was just read, leaving {@code in} at the captured-value count.
     *
     * @return a {@link LambdaRef} without captured values
     */
    LambdaRef readIdentity(ByteSource in) {
        int start = in.position();
        in.skipString();
        in.skipString();
        int nameStart = in.position();
        in.skipString();
        int nameEnd = in.position();
        in.skipString();
        in.readVarInt();
        in.skipString();
        int end = in.position();

        byte[] data = in.array();
        int slot = hash(data, nameStart, nameEnd, end - start) & (SIZE - 1);
        Entry entry = entries[slot];
        if (entry != null && Arrays.equals(entry.header, 0, entry.header.length, data, start, end)) {
            return entry.identity;
        }

        in.rewind(start);
        LambdaRef identity = new LambdaRef(
                in.readString(),
                in.readString(),
                in.readString(),
                in.readString(),
                in.readVarInt(),
                in.readString(),
                List.of());
        entries[slot] = new Entry(Arrays.copyOfRange(data, start, end), identity);
        return identity;
    }

    private static int hash(byte[] data, int from, int to, int length) {
        int h = length;
        for (int i = from; i < to; i++) {
            h = 31 * h + data[i];
        }
        return h ^ (h >>> 16);
    }
}
