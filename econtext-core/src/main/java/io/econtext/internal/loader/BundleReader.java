package io.econtext.internal.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the runtime bundle a child is booted with; the format is described on {@link RuntimeBundle}.
 *
 * <pre>{@code
 * byte[] wire = BundleReader.readWireBytes(System.in);   // exactly the bundle, nothing after it
 * Map<String, byte[]> classes = BundleReader.decode(wire); // "io/econtext/Context.class" -> bytes
 * // keep `wire` to boot this context's own children without asking the parent again
 * }</pre>
 *
 * <p>Runs on the child's boot path: no lambdas, streams, {@code DataInputStream} or buffering wrappers, and it never
 * reads a byte past the bundle because the protocol follows on the same stream. Methods block until the bundle has
 * arrived; they are thread-safe (stateless).
 */
public final class BundleReader {
    /** Larger than any runtime we ship by two orders of magnitude; guards against reading a corrupt length. */
    static final int MAX_COMPRESSED_LENGTH = 64 << 20;

    static final int MAX_INFLATED_LENGTH = 256 << 20;

    /** What is allocated before the bundle's bytes arrive; the buffer then doubles as they do. */
    private static final int FIRST_READ = 64 << 10;

    private BundleReader() {}

    /**
     * Reads one bundle from {@code in} and inflates it.
     *
     * @return entry name to bytes, e.g. {@code "io/econtext/Context.class"}
     * @throws IOException if the stream ends early or the bundle is corrupt
     */
    public static Map<String, byte[]> read(InputStream in) throws IOException {
        return decode(readWireBytes(in));
    }

    /**
     * Reads exactly one bundle, length prefix included, from {@code in} without inflating it. The buffer grows as bytes
     * arrive, never ahead of them: a prefix that declares more than the stream carries costs what did arrive.
     *
     * @throws IOException if the stream ends before the bundle does, or the length prefix is implausible
     */
    public static byte[] readWireBytes(InputStream in) throws IOException {
        byte[] prefix = new byte[4];
        readFully(in, prefix, 0, 4, "its 4-byte length");
        long length = u4(prefix, 0);
        if (length == 0 || length > MAX_COMPRESSED_LENGTH) {
            throw new IOException("runtime bundle: implausible compressed length " + length + " (expected 1.."
                    + MAX_COMPRESSED_LENGTH + "); is the stream carrying something else?");
        }
        int total = 4 + (int) length;
        byte[] wire = new byte[Math.min(total, FIRST_READ)];
        System.arraycopy(prefix, 0, wire, 0, 4);
        int done = 4;
        while (done < total) {
            if (done == wire.length) {
                byte[] bigger = new byte[(int) Math.min((long) wire.length * 2, total)];
                System.arraycopy(wire, 0, bigger, 0, done);
                wire = bigger;
            }
            int n = in.read(wire, done, wire.length - done);
            if (n < 0) {
                throw new IOException("runtime bundle truncated: stream ended after " + (done - 4) + " of " + length
                        + " compressed bytes");
            }
            done += n;
        }
        return wire;
    }

    /**
     * Inflates and splits a bundle given with its length prefix.
     *
     * @throws IOException if the bytes are truncated, longer than announced, or not a bundle
     */
    public static Map<String, byte[]> decode(byte[] wireBytes) throws IOException {
        if (wireBytes.length < 4) {
            throw new IOException("runtime bundle truncated: " + wireBytes.length + " bytes, no length prefix");
        }
        long length = u4(wireBytes, 0);
        if (length != wireBytes.length - 4L) {
            throw new IOException("runtime bundle: length prefix says " + length + " compressed bytes but "
                    + (wireBytes.length - 4) + " follow");
        }
        return split(inflate(wireBytes, 4, (int) length));
    }

    private static byte[] inflate(byte[] compressed, int offset, int length) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            // nowrap streams may need one byte beyond the data (Inflater javadoc); it is never consumed as data.
            byte[] input = new byte[length + 1];
            System.arraycopy(compressed, offset, input, 0, length);
            inflater.setInput(input);
            byte[] out = new byte[Math.max(1024, Math.min(length * 4, MAX_INFLATED_LENGTH))];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (out.length >= MAX_INFLATED_LENGTH) {
                        throw new IOException("runtime bundle inflates to more than " + MAX_INFLATED_LENGTH + " bytes");
                    }
                    byte[] bigger = new byte[(int) Math.min((long) out.length * 2, MAX_INFLATED_LENGTH)];
                    System.arraycopy(out, 0, bigger, 0, size);
                    out = bigger;
                }
                int n = inflater.inflate(out, size, out.length - size);
                size += n;
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("runtime bundle truncated: compressed data ends before the DEFLATE stream");
                }
            }
            if (inflater.getRemaining() > 1) {
                throw new IOException("runtime bundle corrupt: " + (inflater.getRemaining() - 1)
                        + " bytes after the end of the DEFLATE stream");
            }
            if (size == out.length) {
                return out;
            }
            byte[] exact = new byte[size];
            System.arraycopy(out, 0, exact, 0, size);
            return exact;
        } catch (DataFormatException e) {
            throw new IOException("runtime bundle corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static Map<String, byte[]> split(byte[] content) throws IOException {
        HashMap<String, byte[]> entries = new HashMap<String, byte[]>();
        int position = 0;
        while (true) {
            requireContent(content, position, 2, "an entry name length");
            int nameLength = ((content[position] & 0xFF) << 8) | (content[position + 1] & 0xFF);
            position += 2;
            if (nameLength == 0) {
                break;
            }
            requireContent(content, position, nameLength, "an entry name");
            String name = new String(content, position, nameLength, StandardCharsets.UTF_8);
            position += nameLength;
            requireContent(content, position, 4, "the length of " + name);
            long length = u4(content, position);
            position += 4;
            requireContent(content, position, length, "the bytes of " + name);
            byte[] bytes = new byte[(int) length];
            System.arraycopy(content, position, bytes, 0, (int) length);
            position += (int) length;
            if (entries.put(name, bytes) != null) {
                throw new IOException("runtime bundle corrupt: duplicate entry " + name);
            }
        }
        if (position != content.length) {
            throw new IOException(
                    "runtime bundle corrupt: " + (content.length - position) + " bytes after the terminating entry");
        }
        return entries;
    }

    private static void requireContent(byte[] content, int position, long count, String what) throws IOException {
        if (position + count > content.length) {
            throw new IOException("runtime bundle corrupt: content ends at byte " + content.length + " while reading "
                    + what + " (needs " + count + " bytes at " + position + ")");
        }
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length, String what)
            throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new IOException("runtime bundle truncated: stream ended after " + done + " of " + what);
            }
            done += n;
        }
    }

    private static long u4(byte[] bytes, int offset) {
        return ((long) (bytes[offset] & 0xFF) << 24)
                | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }
}
