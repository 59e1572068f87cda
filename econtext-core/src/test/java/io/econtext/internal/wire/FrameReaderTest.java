package io.econtext.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameReaderTest {
    private static final byte[] MARKER = "ECONTEXT-READY:1\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsEveryHeaderFieldAndTheData() throws IOException {
        Message sent = new Message(7, -3, 5, 1001, 1002, Message.FLAG_ERROR | Message.FLAG_CLOSE, bytes("payload"));

        Message got = reader(Frames.encode(sent)).read();

        assertSameMessage(got, sent);
    }

    @Test
    void readsFramesBackToBackThenNullAtACleanEnd() throws IOException {
        Message a = Message.of(1, 0, 1, 1000, 0, bytes("first"));
        Message b = Message.of(0, 1, 1000, 0, Message.FLAG_DEAD, new byte[0]);
        Message c = Message.of(2, 0, 9, 0, 0, bytes("third"));
        FrameReader r = reader(concat(Frames.encode(a), Frames.encode(b), Frames.encode(c)));

        assertSameMessage(r.read(), a);
        assertSameMessage(r.read(), b);
        assertSameMessage(r.read(), c);
        assertThat(r.read()).isNull();
    }

    @Test
    void readsAFrameLargerThanItsBuffer() throws IOException {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Message before = Message.of(1, 0, 3, 0, 0, bytes("small"));
        Message large = Message.of(1, 0, 4, 0, 0, big);
        Message after = Message.of(1, 0, 5, 0, 0, bytes("after"));
        FrameReader r = new FrameReader(
                new ByteArrayInputStream(concat(Frames.encode(before), Frames.encode(large), Frames.encode(after))),
                1 << 20,
                4096);

        assertSameMessage(r.read(), before);
        assertSameMessage(r.read(), large);
        assertSameMessage(r.read(), after);
        assertThat(r.read()).isNull();
    }

    @Test
    void readsFramesThatArriveOneByteAtATime() throws IOException {
        Message a = Message.of(3, 0, 1, 1000, 0, bytes("trickled"));
        Message b = Message.of(3, 0, 1, 1001, 0, bytes("in"));
        FrameReader r = new FrameReader(new OneByteAtATime(concat(Frames.encode(a), Frames.encode(b))), 1024, 64);

        assertSameMessage(r.read(), a);
        assertSameMessage(r.read(), b);
        assertThat(r.read()).isNull();
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumSize() throws IOException {
        Message m = Message.of(1, 0, 1, 0, 0, new byte[1024]);

        assertSameMessage(new FrameReader(new ByteArrayInputStream(Frames.encode(m)), 1024).read(), m);
    }

    @Test
    void rejectsABadMagic() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, bytes("x")));
        frame[0] = 0x12;
        frame[1] = 0x34;

        assertThatThrownBy(() -> reader(frame).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("bad frame magic 0x1234")
                .hasMessageContaining("0xec01");
    }

    @Test
    void rejectsUnknownFlags() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, bytes("x")));
        frame[2] = 0x01; // flag bit 0x0100: not a known flag

        assertThatThrownBy(() -> reader(frame).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("unknown frame flags 0x100");
    }

    @Test
    void rejectsAFrameLongerThanTheLimit() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, new byte[1025]));

        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), 1024).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("frame length 1025 exceeds the maximum frame size 1024");
    }

    @Test
    void rejectsAnOversizeLengthBeforeReadingOrAllocatingTheData() {
        // A header announcing 4 GiB - 1 with no data behind it: the reader must refuse on the header alone.
        byte[] header = header(0xEC01, 0, 0xffffffff);

        assertThatThrownBy(() -> reader(header).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("frame length 4294967295 exceeds the maximum frame size");
    }

    @Test
    void allocatesForTheDataThatArrivedNotForTheLengthDeclared() {
        // A header declaring the maximum size, then 10 bytes: what a peer that wants to pin memory sends.
        byte[] stall = concat(header(0xEC01, 0, Frames.DEFAULT_MAX_FRAME), new byte[10]);
        FrameReader r = reader(stall);

        long allocated = allocatedBy(() -> assertThatThrownBy(r::read)
                .isInstanceOf(FrameException.class)
                .hasMessageContaining(
                        "stream ended inside a frame (10 of " + Frames.DEFAULT_MAX_FRAME + " data bytes)"));

        assertThat(allocated).as("bytes allocated while reading").isLessThan(1 << 20);
    }

    @Test
    void growsFourfoldAlongSizesThatEndAtTheFrameLength() {
        int length = (1 << 20) + 10;

        assertThat(FrameReader.firstSize(length, 0)).isEqualTo(65536);
        assertThat(FrameReader.nextSize(length, 65536)).isEqualTo(262146);
        assertThat(FrameReader.nextSize(length, 262146)).isEqualTo(length);
        assertThat(FrameReader.firstSize(length, 65000)).isEqualTo(65536);
        assertThat(FrameReader.firstSize(length, 65537)).isEqualTo(262146);
        assertThat(FrameReader.firstSize(FrameReader.FIRST_CHUNK, 0)).isEqualTo(FrameReader.FIRST_CHUNK);
        assertThat(FrameReader.firstSize(100_000, 0)).isEqualTo(25_000);
    }

    @Test
    void aReaderOfTheTrustedParentAllocatesTheDeclaredLengthAtOnce() throws IOException {
        byte[] data = new byte[3 * FrameReader.FIRST_CHUNK + 5];
        Arrays.fill(data, (byte) 0x33);
        Message m = Message.of(1, 0, 4, 0, 0, data);
        FrameReader r = FrameReader.fromParent(new InPieces(Frames.encode(m), 4096), 1 << 20);

        long allocated = allocatedBy(() -> {
            try {
                assertSameMessage(r.read(), m);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(allocated).as("one array of the frame's length, no growth").isLessThan(data.length + 4096);
    }

    @Test
    void growsTheDataOfALargeFrameAsItArrivesInPieces() throws IOException {
        byte[] big = new byte[(1 << 20) + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7 + (i >>> 8));
        }
        Message large = Message.of(1, 0, 4, 0, 0, big);
        Message after = Message.of(1, 0, 5, 0, 0, bytes("after"));
        FrameReader r =
                new FrameReader(new InPieces(concat(Frames.encode(large), Frames.encode(after)), 1000), 2 << 20);

        Message got = r.read();

        assertSameMessage(got, large);
        assertThat(got.data.length).isEqualTo(big.length);
        assertSameMessage(r.read(), after);
        assertThat(r.read()).isNull();
    }

    @Test
    void readsAFrameWhoseDataIsPartlyBufferedAndLargerThanTheFirstChunk() throws IOException {
        byte[] data = new byte[3 * FrameReader.FIRST_CHUNK + 5];
        Arrays.fill(data, (byte) 0x5A);
        Message m = Message.of(1, 0, 4, 0, 0, data);

        assertSameMessage(new FrameReader(new InPieces(Frames.encode(m), 50_000), 1 << 20).read(), m);
        assertSameMessage(new FrameReader(new OneByteAtATime(Frames.encode(m)), 1 << 20, 64).read(), m);
    }

    @Test
    void honoursAMaximumChangedAfterConstruction() throws IOException {
        byte[] frames = concat(
                Frames.encode(Message.of(1, 0, 1, 0, 0, new byte[600])),
                Frames.encode(Message.of(1, 0, 1, 0, 0, new byte[600])));
        FrameReader r = new FrameReader(new ByteArrayInputStream(frames), 1024);

        assertThat(r.read().data).hasSize(600);
        r.setMaxFrame(512);
        assertThatThrownBy(r::read).isInstanceOf(FrameException.class).hasMessageContaining("maximum frame size 512");
    }

    @Test
    void rejectsAStreamThatEndsInsideAHeader() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, bytes("x")));

        assertThatThrownBy(() -> reader(Arrays.copyOf(frame, 10)).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("stream ended inside a frame header (10 of 28 bytes)");
    }

    @Test
    void rejectsAStreamThatEndsInsideTheData() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, new byte[100]));

        assertThatThrownBy(() ->
                        reader(Arrays.copyOf(frame, Frames.HEADER_SIZE + 40)).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("stream ended inside a frame (40 of 100 data bytes)");
    }

    @Test
    void rejectsAStreamThatEndsInsideTheDataOfAFrameLargerThanTheBuffer() {
        byte[] frame = Frames.encode(Message.of(1, 0, 1, 0, 0, new byte[10_000]));
        FrameReader r = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(frame, frame.length - 1)), 1 << 20, 256);

        assertThatThrownBy(r::read)
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("stream ended inside a frame (9999 of 10000 data bytes)");
    }

    @Test
    void rejectedRandomBytesNeverPassAsAFrame() {
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 0x55);

        assertThatThrownBy(() -> reader(junk).read()).isInstanceOf(FrameException.class);
    }

    @Test
    void skipsJunkBeforeTheMarkerAndKeepsItForTheErrorReport() throws IOException {
        Message hello = Message.of(0, 1, 0, 0, 0, bytes("hello"));
        byte[] junk = "Last login: yesterday\nWelcome to host\n".getBytes(StandardCharsets.US_ASCII);
        FrameReader r = reader(concat(junk, MARKER, Frames.encode(hello)));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        assertThat(r.skipToMarker(MARKER, kept, 8192)).isTrue();

        assertThat(kept.toString(StandardCharsets.US_ASCII)).isEqualTo("Last login: yesterday\nWelcome to host\n");
        assertSameMessage(r.read(), hello);
    }

    @Test
    void findsTheMarkerAfterAFalseStartThatLooksLikeIt() throws IOException {
        byte[] junk = "ECONTEXT-REAL junk ECONTEXT-READY:".getBytes(StandardCharsets.US_ASCII);
        Message hello = Message.of(0, 1, 0, 0, 0, bytes("hi"));
        FrameReader r = reader(concat(junk, MARKER, Frames.encode(hello)));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        assertThat(r.skipToMarker(MARKER, kept, 8192)).isTrue();

        assertThat(kept.toString(StandardCharsets.US_ASCII)).isEqualTo("ECONTEXT-REAL junk ECONTEXT-READY:");
        assertSameMessage(r.read(), hello);
    }

    @Test
    void findsTheMarkerWhenItIsSplitAcrossReads() throws IOException {
        Message hello = Message.of(0, 1, 0, 0, 0, bytes("hi"));
        FrameReader r =
                new FrameReader(new OneByteAtATime(concat(bytes("junk"), MARKER, Frames.encode(hello))), 1024, 64);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        assertThat(r.skipToMarker(MARKER, kept, 8192)).isTrue();

        assertThat(kept.toString(StandardCharsets.US_ASCII)).isEqualTo("junk");
        assertSameMessage(r.read(), hello);
    }

    @Test
    void keepsAtMostTheJunkLimit() throws IOException {
        byte[] junk = new byte[10_000];
        Arrays.fill(junk, (byte) 'j');
        FrameReader r = reader(concat(junk, MARKER));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        assertThat(r.skipToMarker(MARKER, kept, 100)).isTrue();

        assertThat(kept.size()).isEqualTo(100);
    }

    @Test
    void reportsAStreamThatEndsWithoutTheMarker() throws IOException {
        FrameReader r = reader(bytes("bash: java: command not found\n"));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        assertThat(r.skipToMarker(MARKER, kept, 8192)).isFalse();

        assertThat(kept.toString(StandardCharsets.US_ASCII)).isEqualTo("bash: java: command not found\n");
    }

    @Test
    void readsRawBytesBufferedAndUnbuffered() throws IOException {
        byte[] raw = new byte[5000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        Message after = Message.of(1, 0, 1, 0, 0, bytes("after"));
        FrameReader r = new FrameReader(new ByteArrayInputStream(concat(MARKER, raw, Frames.encode(after))), 1024, 64);

        assertThat(r.skipToMarker(MARKER, new ByteArrayOutputStream(), 10)).isTrue();
        assertThat(r.readRaw(raw.length)).isEqualTo(raw);
        assertSameMessage(r.read(), after);
    }

    static void assertSameMessage(Message got, Message sent) {
        assertThat(got).isNotNull();
        assertThat(got.dst).as("dst").isEqualTo(sent.dst);
        assertThat(got.src).as("src").isEqualTo(sent.src);
        assertThat(got.auth).as("auth").isEqualTo(sent.auth);
        assertThat(got.handle).as("handle").isEqualTo(sent.handle);
        assertThat(got.replyTo).as("replyTo").isEqualTo(sent.replyTo);
        assertThat(got.flags).as("flags").isEqualTo(sent.flags);
        assertThat(got.data).as("data").isEqualTo(sent.data);
    }

    private static FrameReader reader(byte[] bytes) {
        return new FrameReader(new ByteArrayInputStream(bytes), Frames.DEFAULT_MAX_FRAME);
    }

    private static byte[] header(int magic, int flags, int length) {
        return ByteBuffer.allocate(Frames.HEADER_SIZE)
                .putShort((short) magic)
                .putShort((short) flags)
                .putInt(1)
                .putInt(0)
                .putInt(0)
                .putInt(1)
                .putInt(0)
                .putInt(length)
                .array();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Bytes allocated by this thread while {@code action} ran. */
    static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** A stream that hands out at most {@code piece} bytes per read, like a pipe the writer fills in pieces. */
    static final class InPieces extends InputStream {
        private final byte[] bytes;
        private final int piece;
        private int pos;

        InPieces(byte[] bytes, int piece) {
            this.bytes = bytes;
            this.piece = piece;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** A stream that hands out one byte per read, like a slow pipe. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
