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
 *   n = counter++ mod 2^30   ──►   4-round Feistel on two 15-bit halves   ──►   FIRST_DYNAMIC + p(n)
 *                                  round i: (left, right) := (right, left ^ top15(a_i * right + b_i))
 * </pre>
 *
 * <p>A permutation, so no number repeats within 2^30 allocations; the numbers stay in {@code [FIRST_DYNAMIC,
 * FIRST_DYNAMIC + 2^30)}, clear of the well-known handles and of negative numbers however long the context runs.
 * Each round is a multiply-add-shift hash keyed by a secret odd {@code a_i} and {@code b_i}: four multiplications per
 * allocation, no allocation of its own. The keys come from {@code /dev/urandom} (read once; no {@link SecureRandom}
 * provider to load on a child's boot path), else from {@link SecureRandom}.
 *
 * <p>Threads: safe for concurrent use.
 */
final class HandleNumbers {
    static final int RANGE = 1 << 30;
    private static final int HALF_BITS = 15;
    private static final int HALF_MASK = (1 << HALF_BITS) - 1;

    private final AtomicInteger counter = new AtomicInteger();
    private final long a0, a1, a2, a3;
    private final long b0, b1, b2, b3;

    HandleNumbers() {
        this(secretKeys());
    }

    /** With given round keys ({@code a0..a3, b0..b3}), for tests. */
    HandleNumbers(long[] keys) {
        if (keys.length != 8) {
            throw new IllegalArgumentException("keys : " + keys.length + " (expected: 8 round keys)");
        }
        a0 = keys[0] | 1;
        a1 = keys[1] | 1;
        a2 = keys[2] | 1;
        a3 = keys[3] | 1;
        b0 = keys[4];
        b1 = keys[5];
        b2 = keys[6];
        b3 = keys[7];
    }

    /** The next handle number; repeats only after {@link #RANGE} numbers. */
    int next() {
        int x = counter.getAndIncrement() & (RANGE - 1);
        int left = x >>> HALF_BITS;
        int right = x & HALF_MASK;
        left ^= round(right, a0, b0);
        right ^= round(left, a1, b1);
        left ^= round(right, a2, b2);
        right ^= round(left, a3, b3);
        return Handles.FIRST_DYNAMIC + ((left << HALF_BITS) | right);
    }

    private static int round(int half, long a, long b) {
        return (int) ((a * half + b) >>> (64 - HALF_BITS));
    }

    private static long[] secretKeys() {
        byte[] seed = new byte[64];
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
        long[] keys = new long[8];
        for (int i = 0; i < seed.length; i++) {
            keys[i / 8] = (keys[i / 8] << 8) | (seed[i] & 0xff);
        }
        return keys;
    }
}
