package io.econtext.internal.router;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers for allocated handles: a counter run through a permutation keyed by a secret, so that the handles one
 * context sees (the {@code replyTo} of the calls it gets) say nothing about the handles the same router gave others.
 * This is not what protects a handle: the router's source checks do (see {@link Policy}); it only takes away the map.
 *
 * <pre>
 *   n = counter++ mod 2^30     ──►   4-round Feistel on two 15-bit halves, keyed   ──►   FIRST_DYNAMIC + p(n)
 * </pre>
 *
 * <p>A permutation, so no number repeats within 2^30 allocations; the numbers stay in {@code [FIRST_DYNAMIC,
 * FIRST_DYNAMIC + 2^30)}, clear of the well-known handles and of negative numbers however long the context runs.
 * Costs a few multiplications per allocation and no allocation of its own. The key comes from {@code /dev/urandom}
 * (read once; no {@link SecureRandom} provider to load on a child's boot path), else from {@link SecureRandom}.
 *
 * <p>Threads: safe for concurrent use.
 */
final class HandleNumbers {
    static final int RANGE = 1 << 30;
    private static final int HALF_BITS = 15;
    private static final int HALF_MASK = (1 << HALF_BITS) - 1;

    private final AtomicInteger counter = new AtomicInteger();
    private final long[] keys;

    HandleNumbers() {
        this(secretKeys());
    }

    /** With given round keys (4), for tests. */
    HandleNumbers(long[] keys) {
        if (keys.length != 4) {
            throw new IllegalArgumentException("keys : " + keys.length + " (expected: 4 round keys)");
        }
        this.keys = keys.clone();
    }

    /** The next handle number; repeats only after {@link #RANGE} numbers. */
    int next() {
        return Handles.FIRST_DYNAMIC + permute(counter.getAndIncrement() & (RANGE - 1));
    }

    private int permute(int x) {
        int left = x >>> HALF_BITS;
        int right = x & HALF_MASK;
        for (long k : keys) {
            int t = left ^ round(right, k);
            left = right;
            right = t;
        }
        return (left << HALF_BITS) | right;
    }

    private static int round(int half, long key) {
        long h = (half + key) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & HALF_MASK;
    }

    private static long[] secretKeys() {
        byte[] seed = new byte[32];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            int n = 0;
            while (n < seed.length) {
                int r = in.read(seed, n, seed.length - n);
                if (r < 0) {
                    throw new IOException("end of /dev/urandom");
                }
                n += r;
            }
        } catch (IOException | SecurityException e) {
            new SecureRandom().nextBytes(seed);
        }
        long[] keys = new long[4];
        for (int i = 0; i < seed.length; i++) {
            keys[i / 8] = (keys[i / 8] << 8) | (seed[i] & 0xff);
        }
        return keys;
    }
}
