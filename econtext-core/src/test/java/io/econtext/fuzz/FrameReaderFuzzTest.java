package io.econtext.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.internal.wire.FrameException;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import java.io.IOException;

/**
 * Fuzzes {@link FrameReader#read()}: the bytes a child (or a parent) writes to its stream. Input layout:
 *
 * <pre>
 * +-----------------------------------------------+----------------------------------+
 * | u8 setup: bits 0-2 read chunk 1..128 B,       | the stream: frames, or not       |
 * |           bits 3-4 reader buffer 32..64 KiB   |                                  |
 * +-----------------------------------------------+----------------------------------+
 * </pre>
 *
 * Contract: frames come back whole, with known flags and at most {@code maxFrame} bytes of data, then {@code null}
 * at a clean end; anything else is a {@link FrameException}.
 */
class FrameReaderFuzzTest {
    private static final int MAX_FRAME = 1 << 20;
    private static final int[] BUFFER_SIZES = {32, 256, 4096, 64 * 1024};
    /**
     * What the reader may allocate for a frame before its bytes arrive: its first chunk (64 KiB), never the declared
     * length (issue 11, §5); past that it grows along with what arrived, within 4 × those bytes.
     */
    static final long ALLOCATED_BEFORE_ARRIVAL = 64 * 1024;

    private static final int KNOWN_FLAGS = Message.FLAG_DEAD
            | Message.FLAG_ERROR
            | Message.FLAG_CLOSE
            | Message.FLAG_CONCURRENT
            | Message.FLAG_PART
            | Message.FLAG_MORE;

    @FuzzTest
    void readsWholeFramesOrFailsWithFrameException(byte[] input) throws Exception {
        int bufferSize = BUFFER_SIZES[input.length == 0 ? 0 : (input[0] >> 3) & 3];
        AllocationBudget.enforce(
                "FrameReader",
                input.length,
                bufferSize + ALLOCATED_BEFORE_ARRIVAL + 4L * input.length,
                () -> readAll(input, bufferSize));
    }

    private static void readAll(byte[] input, int bufferSize) throws IOException {
        FrameReader reader = new FrameReader(Trickle.afterHeader(input), MAX_FRAME, bufferSize);
        long delivered = 0;
        try {
            Message m;
            // plain checks, not AssertJ: its assertion objects would count against the reader's allocation budget
            while ((m = reader.read()) != null) {
                delivered += Frames.HEADER_SIZE + m.data.length;
                if (m.data.length > MAX_FRAME || (m.flags & ~KNOWN_FLAGS) != 0 || delivered > input.length) {
                    throw new AssertionError("frame of " + m.data.length + " bytes, flags 0x"
                            + Integer.toHexString(m.flags) + ", " + delivered + " bytes delivered of " + input.length);
                }
            }
        } catch (FrameException expected) {
            // corrupt, oversize or truncated: the stream closes with this reason
        }
    }
}
