package io.econtext.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.internal.wire.AsyncFrameDecoder;
import io.econtext.internal.wire.FrameException;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link AsyncFrameDecoder}: the bytes a child writes to its stream, delivered by an event loop in pieces of
 * any size. Input layout as {@link FrameReaderFuzzTest}'s: a setup byte (bits 0-2: delivery size 1..128 B), then the
 * stream.
 *
 * <p>Contract: the decoder hands over exactly the frames the blocking {@link FrameReader} reads from the same bytes,
 * in order, and fails where it fails (a {@link FrameException}; a stream cut inside a frame is a frame in progress);
 * it allocates what arrived, not what a header declares.
 */
class AsyncFrameDecoderFuzzTest {
    private static final int MAX_FRAME = 1 << 20;

    @FuzzTest
    void decodesWhatTheBlockingReaderReads(byte[] input) throws Exception {
        int chunk = input.length == 0 ? 1 : 1 << (input[0] & 7);
        byte[] stream = Arrays.copyOfRange(input, Math.min(1, input.length), input.length);
        List<Message> pushed = new ArrayList<>();
        boolean[] failed = new boolean[1];
        boolean[] inFrame = new boolean[1];
        AllocationBudget.enforce(
                "AsyncFrameDecoder",
                input.length,
                FrameReaderFuzzTest.ALLOCATED_BEFORE_ARRIVAL + 4L * input.length + 64L * input.length,
                () -> {
                    pushed.clear();
                    failed[0] = false;
                    AsyncFrameDecoder decoder = new AsyncFrameDecoder(MAX_FRAME);
                    try {
                        for (int p = 0; p < stream.length; p += chunk) {
                            int n = Math.min(chunk, stream.length - p);
                            decoder.feed(stream, p, n, m -> pushed.add(m));
                        }
                    } catch (FrameException expected) {
                        failed[0] = true;
                    }
                    inFrame[0] = decoder.inFrame();
                });

        List<Message> read = new ArrayList<>();
        boolean readerFailed = false;
        boolean readerCut = false;
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), MAX_FRAME);
        try {
            Message m;
            while ((m = reader.read()) != null) {
                read.add(m);
            }
        } catch (FrameException e) {
            readerFailed = !e.isTruncated();
            readerCut = e.isTruncated();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        if (pushed.size() != read.size()) {
            throw new AssertionError(pushed.size() + " frames pushed, " + read.size() + " read");
        }
        for (int i = 0; i < read.size(); i++) {
            if (!same(pushed.get(i), read.get(i))) {
                throw new AssertionError("frame " + i + ": " + pushed.get(i) + " pushed, " + read.get(i) + " read");
            }
        }
        if (failed[0] != readerFailed) {
            throw new AssertionError("decoder failed: " + failed[0] + ", reader failed: " + readerFailed);
        }
        if (!failed[0] && inFrame[0] != readerCut) {
            throw new AssertionError(
                    "decoder in a frame at the end: " + inFrame[0] + ", reader cut short: " + readerCut);
        }
    }

    private static boolean same(Message a, Message b) {
        return a.dst == b.dst
                && a.src == b.src
                && a.auth == b.auth
                && a.handle == b.handle
                && a.replyTo == b.replyTo
                && a.flags == b.flags
                && Arrays.equals(a.data, b.data);
    }
}
