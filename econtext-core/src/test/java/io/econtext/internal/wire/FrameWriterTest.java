package io.econtext.internal.wire;

import static io.econtext.internal.wire.FrameReaderTest.assertSameMessage;
import static io.econtext.internal.wire.FrameReaderTest.bytes;
import static io.econtext.internal.wire.FrameReaderTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrameWriterTest {
    /**
     * A pipe nobody reads holds 64 KiB. 800 KiB queued for it, handed to the writer's thread, a frame that finds no room
     * within its 200 ms, and the close: none of them holds up the calling thread. Once the pipe is read, every frame
     * queued arrives, in order, then the end of the stream.
     */
    @Test
    void aWriterThatHandsOffNeverBlocksItsCallerOnAPipeNobodyReads() throws Exception {
        Pipe pipe = Pipe.open();
        FrameWriter w = new FrameWriter(Channels.newOutputStream(pipe.sink()));
        w.handOffOnClose();
        byte[] data = new byte[2048];
        long start = System.nanoTime();

        for (int i = 0; i < 400; i++) {
            assertThat(w.append(Message.of(1, 0, 1, i, 0, data), 0)).isEqualTo(FrameWriter.APPENDED);
            w.flushLater();
        }
        assertThat(w.append(Message.of(1, 0, 1, 0, 0, new byte[512 * 1024]), 200_000_000L))
                .as("no room below the soft limit within 200 ms")
                .isEqualTo(FrameWriter.TIMED_OUT);
        w.close();

        assertThat((System.nanoTime() - start) / 1_000_000L).isLessThan(1_500);
        FrameReader r = new FrameReader(Channels.newInputStream(pipe.source()), 1 << 20);
        for (int i = 0; i < 400; i++) {
            assertThat(r.read().replyTo).isEqualTo(i);
        }
        assertThat(r.read()).as("closed once written out").isNull();
    }

    @Test
    void writesTheDocumentedHeaderLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);

        w.writeAndFlush(new Message(0x01020304, 5, 6, 7, 8, Message.FLAG_CONCURRENT, new byte[] {42}));

        assertThat(HexFormat.of().formatHex(out.toByteArray()))
                .isEqualTo(
                        "ec01" // magic
                                + "0008" // flags
                                + "01020304" // dst
                                + "00000005" // src
                                + "00000006" // auth
                                + "00000007" // handle
                                + "00000008" // replyTo
                                + "00000001" // length
                                + "2a"); // data
    }

    @Test
    void roundTripsManyFramesOfMixedSizesInOrder() throws IOException {
        Random random = new Random(42);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] data = new byte[random.nextInt(i % 50 == 0 ? 200_000 : 300)];
            random.nextBytes(data);
            sent.add(new Message(i, -i, i * 2, 1000 + i, i % 7, i % 16, data));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, 4096);
        for (Message m : sent) {
            w.write(m);
        }
        w.flush();

        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 1 << 20, 1024);
        for (Message m : sent) {
            assertSameMessage(r.read(), m);
        }
        assertThat(r.read()).isNull();
    }

    @Test
    void writesAFrameBiggerThanItsBufferIntactAndInOrder() throws IOException {
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        Message small = Message.of(1, 0, 1, 0, 0, bytes("small"));
        Message large = Message.of(1, 0, 2, 0, 0, big);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, 256);

        w.write(small);
        w.write(large);
        w.write(small);
        w.flush();

        assertThat(out.toByteArray())
                .isEqualTo(concat(Frames.encode(small), Frames.encode(large), Frames.encode(small)));
    }

    @Test
    void keepsSmallFramesBufferedUntilFlushed() throws IOException {
        CountingStream out = new CountingStream();
        FrameWriter w = new FrameWriter(out);

        for (int i = 0; i < 100; i++) {
            w.write(Message.of(1, 0, 1, i, 0, bytes("pipelined")));
        }

        assertThat(out.bytes.size()).isZero();
        assertThat(w.isDirty()).isTrue();
        w.flush();
        assertThat(out.writes).as("system calls for 100 small frames").isEqualTo(1);
        assertThat(out.bytes.size()).isEqualTo(100 * (Frames.HEADER_SIZE + 9));
        assertThat(w.isDirty()).isFalse();
    }

    @Test
    void writesRawHandshakeBytesAfterBufferedFramesAndBeforeLaterOnes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        Message first = Message.of(0, 1, 0, 0, 0, bytes("one"));
        Message second = Message.of(0, 1, 0, 0, 0, bytes("two"));
        byte[] marker = "ECONTEXT-READY:1\n".getBytes(StandardCharsets.US_ASCII);

        w.write(first);
        w.writeRaw(marker);
        w.writeAndFlush(second);

        assertThat(out.toByteArray()).isEqualTo(concat(Frames.encode(first), marker, Frames.encode(second)));
    }

    @Test
    void flushesPendingFramesWhenClosedAndRefusesFurtherWrites() throws IOException {
        CountingStream out = new CountingStream();
        FrameWriter w = new FrameWriter(out);
        Message m = Message.of(1, 0, 1, 0, 0, bytes("last words"));

        w.write(m);
        w.close();
        w.close();

        assertThat(out.bytes.toByteArray()).isEqualTo(Frames.encode(m));
        assertThat(out.closed).isTrue();
        assertThatThrownBy(() -> w.write(m)).isInstanceOf(IOException.class).hasMessageContaining("stream closed");
    }

    @Test
    void closesQuietlyWhenThePeerIsGone() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        FrameWriter w = new FrameWriter(broken);

        assertThatThrownBy(() -> w.writeAndFlush(Message.of(1, 0, 1, 0, 0, bytes("x"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Broken pipe");
        w.close();
    }

    @Test
    void isSafeForConcurrentWriters() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, 512);
        int threads = 4;
        int perThread = 2000;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        w.write(Message.of(id, 0, 1, i, 0, new byte[i % 700]));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        w.flush();

        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 1 << 20, 1024);
        int[] next = new int[threads];
        Message m;
        while ((m = r.read()) != null) {
            assertThat(m.replyTo).as("order of writer " + m.dst).isEqualTo(next[m.dst]);
            assertThat(m.data).hasSize(m.replyTo % 700);
            next[m.dst]++;
        }
        assertThat(next).containsOnly(perThread);
    }

    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        boolean closed;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
