package io.econtext.transport.sudo;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that reads in chunks only; a single byte is a chunk of one. */
abstract class ChunkInput extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }
}
