package io.econtext.bench;

import java.util.Random;
import java.util.zip.CRC32;

/**
 * The payloads of the soak: random sizes from bytes to MiB, contents derived from a seed (so an answer can be checked
 * without keeping what was sent), and their checksums. Runs in the master and in the children.
 */
final class SoakBytes {
    /** The largest argument, result or channel value of the soak. */
    static final int MAX = 2 * 1024 * 1024;

    private SoakBytes() {}

    /** A size that is mostly small (≤ 256 B, 90%), sometimes KiB (1–64 KiB, 9.5%), rarely 256 KiB – 2 MiB (0.5%). */
    static int size(Random random) {
        int p = random.nextInt(1000);
        if (p < 900) {
            return random.nextInt(257);
        }
        if (p < 995) {
            return 1024 + random.nextInt(63 * 1024 + 1);
        }
        return 256 * 1024 + random.nextInt(MAX - 256 * 1024 + 1);
    }

    /** {@code size} bytes that only {@code seed} gives: its first 8 bytes are the seed itself (when they fit). */
    static byte[] filled(int size, long seed) {
        byte[] b = new byte[size];
        long x = seed;
        int i = 0;
        for (; i + 8 <= size; i += 8) {
            long v = i == 0 ? seed : x;
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >>> 8);
            b[i + 2] = (byte) (v >>> 16);
            b[i + 3] = (byte) (v >>> 24);
            b[i + 4] = (byte) (v >>> 32);
            b[i + 5] = (byte) (v >>> 40);
            b[i + 6] = (byte) (v >>> 48);
            b[i + 7] = (byte) (v >>> 56);
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        for (; i < size; i++) {
            b[i] = (byte) (x >>> (8 * (i & 7)));
        }
        return b;
    }

    /** The seed {@link #filled} wrote at the start of {@code b}; {@code -1} when {@code b} is shorter than 8 bytes. */
    static long stamp(byte[] b) {
        if (b.length < 8) {
            return -1;
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    static int crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length);
        return (int) crc.getValue();
    }
}
