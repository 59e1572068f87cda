package io.econtext.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncFrameDecoderTest {
    private static final byte[] MARKER = "ECONTEXT-READY:1\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] stream(byte[] prefix, Message... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        for (Message m : frames) {
            out.writeBytes(Frames.encode(m));
        }
        return out.toByteArray();
    }

    private static Message frame(int handle, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + handle);
        }
        return Message.of(1, 2, handle, 0, 0, data);
    }

    @Test
    void decodesTheSameFramesWhateverTheDeliverySize() throws Exception {
        byte[] bytes = stream(new byte[0], frame(1, 0), frame(2, 5), frame(3, 200_000), frame(4, 70));
        for (int chunk : new int[] {1, 7, 28, 29, 4096, bytes.length}) {
            List<Message> got = new ArrayList<>();
            AsyncFrameDecoder d = new AsyncFrameDecoder(1 << 20);
            for (int p = 0; p < bytes.length; p += chunk) {
                assertThat(d.feed(bytes, p, Math.min(chunk, bytes.length - p), got::add))
                        .isEqualTo(Math.min(chunk, bytes.length - p));
            }
            assertThat(got).extracting(m -> m.handle).as("chunk " + chunk).containsExactly(1, 2, 3, 4);
            assertThat(got.get(2).data).isEqualTo(frame(3, 200_000).data);
            assertThat(d.inFrame()).isFalse();
        }
    }

    @Test
    void skipsJunkUpToTheMarkerAndKeepsWhatItMayOfIt() throws Exception {
        byte[] junk = "Last login: today\nECONTEXT-READY:0\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = stream(concat(junk, MARKER), frame(9, 3));
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        AsyncFrameDecoder d = new AsyncFrameDecoder(1024);
        d.expectMarker(MARKER, kept, 20);
        List<Message> got = new ArrayList<>();
        for (byte b : bytes) {
            d.feed(new byte[] {b}, 0, 1, got::add);
        }
        assertThat(d.awaitsMarker()).isFalse();
        assertThat(kept.toString(StandardCharsets.US_ASCII)).isEqualTo("Last login: today\nEC");
        assertThat(got).extracting(m -> m.handle).containsExactly(9);
    }

    @Test
    void aSinkThatStopsLeavesTheRestUnread() throws Exception {
        byte[] bytes = stream(new byte[0], frame(1, 10), frame(2, 10));
        List<Message> got = new ArrayList<>();
        AsyncFrameDecoder d = new AsyncFrameDecoder(1024);
        int n = d.feed(bytes, 0, bytes.length, m -> got.add(m) && false);
        assertThat(n).isEqualTo(Frames.HEADER_SIZE + 10);
        assertThat(d.feed(bytes, n, bytes.length - n, got::add)).isEqualTo(bytes.length - n);
        assertThat(got).extracting(m -> m.handle).containsExactly(1, 2);
    }

    @Test
    void refusesAnOversizeOrCorruptHeaderAndTellsAFrameCutShort() throws Exception {
        byte[] big = Frames.encode(frame(1, 2000));
        AsyncFrameDecoder d = new AsyncFrameDecoder(1000);
        assertThatThrownBy(() -> d.feed(big, 0, big.length, m -> true))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("exceeds the maximum frame size 1000");
        byte[] bad = Frames.encode(frame(1, 1));
        bad[0] = 'X';
        assertThatThrownBy(() -> new AsyncFrameDecoder(1000).feed(bad, 0, bad.length, m -> true))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("bad frame magic");
        AsyncFrameDecoder cut = new AsyncFrameDecoder(1000);
        cut.feed(bad, 0, 10, m -> true);
        assertThat(cut.inFrame()).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
