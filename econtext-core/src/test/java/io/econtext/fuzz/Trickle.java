package io.econtext.fuzz;

import java.io.ByteArrayInputStream;

/**
 * An input stream that hands out at most {@code chunk} bytes per read, as a pipe does when the writer is slower than
 * the reader: decoders must not assume that one read returns what they asked for.
 */
final class Trickle extends ByteArrayInputStream {
    private final int chunk;

    Trickle(byte[] data, int offset, int chunk) {
        super(data, offset, data.length - offset);
        this.chunk = Math.max(1, chunk);
    }

    /** The stream after the first byte of {@code input}, whose low 3 bits choose a chunk of 1, 2, 4 ... 128 bytes. */
    static Trickle afterHeader(byte[] input) {
        int chunk = input.length == 0 ? 1 : 1 << (input[0] & 7);
        return new Trickle(input, Math.min(1, input.length), chunk);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
    }
}
