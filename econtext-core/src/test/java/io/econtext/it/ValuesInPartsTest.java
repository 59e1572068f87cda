package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CallOptions;
import io.econtext.CallTimeoutException;
import io.econtext.ChannelClosedException;
import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values larger than a frame may be cross in parts (issue 13, A4): with the router's default frame bound (32 MiB) and
 * with a small one, each way, through an intermediate, on channels; a call's value limit fails a larger value with a
 * {@link CodecException} that says how to raise it; a deadline cuts a transfer to a stopped child short; a child that
 * opens transfers it never finishes, or declares one past the limit, is refused without the master's heap growing.
 */
@Timeout(180)
class ValuesInPartsTest {
    private static final int SMALL_FRAME = 64 * 1024;

    @Test
    void aValueOfTwiceTheDefaultFrameCrossesEachWay() {
        int size = 2 * Frames.DEFAULT_MAX_FRAME + 12_345;
        byte[] data = pattern(size);
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("big"));

            assertThat(c.call(() -> checksum(data)))
                    .as("the child got every byte")
                    .isEqualTo(checksum(data));
            byte[] back = c.call(() -> pattern(size));
            assertThat(back).hasSize(size);
            assertThat(checksum(back)).as("the master got every byte").isEqualTo(checksum(data));
        }
    }

    @Test
    void structuredValuesCrossInPartsOfASmallFrameThroughAnIntermediate() {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            strings.add("item-" + i);
        }
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context a = router.connect(Local.spec().name("hop1"));
            Context b = router.connect(Local.spec().name("hop2").via(a));

            assertThat(b.call(() -> strings.equals(build(200_000))))
                    .as("a list of 200,000 strings (~2.6 MB, ~40 parts) reached the 2nd hop")
                    .isTrue();
            assertThat(b.call(() -> build(200_000))).isEqualTo(strings);
            assertThat(b.call(() -> "small calls still work")).contains("still");
        }
    }

    @Test
    void largeValuesCrossOnChannelsToo() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context c = router.connect(Local.spec().name("producer"));
            Receiver<byte[]> r = router.newReceiver();
            Sender<byte[]> s = r.sender();

            CompletableFuture<Integer> sent = c.callAsync(() -> {
                for (int i = 0; i < 3; i++) {
                    s.send(pattern(size(i)));
                }
                s.close();
                return 3;
            });
            int i = 0;
            for (byte[] v : r) {
                assertThat(v).hasSize(size(i));
                assertThat(checksum(v)).isEqualTo(checksum(pattern(size(i))));
                i++;
            }
            assertThat(i).isEqualTo(3);
            assertThat(sent.get(30, TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    /** 1 MB, 6 MB (more than the channel's byte window of 4 MiB: it passes alone), 1 MB. */
    static int size(int i) {
        return i == 1 ? 6_000_000 : 1_000_000 + i;
    }

    @Test
    void aCallsValueLimitFailsLargerArgumentsAndAnswersWithCodecException() {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context c = router.connect(Local.spec().name("limited"));
            var limited = c.with(CallOptions.DEFAULT.withMaxValueSize(1 << 20));
            byte[] twoMiB = new byte[2 << 20];

            assertThatThrownBy(() -> limited.call(() -> twoMiB.length))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("more than its limit of 1048576 bytes")
                    .hasMessageContaining("CallOptions.withMaxValueSize");
            assertThatThrownBy(() -> limited.call(() -> new byte[2 << 20]))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("the answer of context 'limited' was refused")
                    .hasMessageContaining("more than the limit of 1048576 bytes")
                    .hasMessageContaining("CallOptions.withMaxValueSize");
            assertThatThrownBy(() -> limited.callAsync(() -> new byte[2 << 20]).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CodecException.class);

            assertThat(limited.call(() -> new byte[1 << 19]))
                    .as("under the limit, in parts")
                    .hasSize(1 << 19);
            assertThat(c.call(() -> new byte[2 << 20]))
                    .as("the default limit (256 MiB) takes it")
                    .hasSize(2 << 20);
        }
    }

    @Test
    void aDeadlineCutsATransferToAStoppedChildShort() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context c = router.connect(Local.spec().name("stopped"));
            long pid = c.info().pid();
            byte[] data = pattern(32 << 20);
            Signals.send("STOP", pid);
            long t0 = System.nanoTime();
            try {
                assertThatThrownBy(() -> c.with(CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(2)))
                                .call(() -> data.length))
                        .isInstanceOf(CallTimeoutException.class);
            } finally {
                Signals.send("CONT", pid);
            }
            long tookMillis = (System.nanoTime() - t0) / 1_000_000L;
            assertThat(tookMillis).as("the caller waited about its deadline").isLessThan(6_000);

            assertThat(c.call(() -> checksum(data)))
                    .as("after the aborted transfer, the same value crosses whole")
                    .isEqualTo(checksum(data));
        }
    }

    @Test
    void aCallerSendingInPartsToAChildThatDiesIsFreed() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context c = router.connect(Local.spec().name("dies"));
            long pid = c.info().pid();
            byte[] data = pattern(32 << 20);
            Signals.send("STOP", pid);
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> c.call(() -> checksum(data)));
            Thread.sleep(500);
            assertThat(call)
                    .as("the caller waits for room while the child is stopped")
                    .isNotDone();
            Signals.send("KILL", pid);

            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(io.econtext.ContextDisconnectedException.class);
        }
    }

    @Test
    void aChildThatOpensTransfersItNeverFinishesIsBounded() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<byte[]> r = router.newReceiver();
            Sender<byte[]> s = r.sender();
            int id = hostile.id();
            int handle = s.handle();
            long before = heapUsedAfterGc();

            int written = hostile.call(() -> openTransfers(s, id, handle, 2_000, 60_000, 100_000_000L));
            assertThat(written).isEqualTo(2_000);
            assertThat(hostile.call(() -> "the stream still carries calls")).contains("still");
            long grown = heapUsedAfterGc() - before;

            assertThat(grown)
                    .as("master heap after 2,000 unfinished transfers of 60 KB each (120 MB sent)")
                    .isLessThan(16L << 20);
            assertThatThrownBy(() -> r.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(ChannelClosedException.class)
                    .hasMessageContaining("others are (the most a stream carries at once)");
            assertThat(sibling.call(() -> "the master serves the others")).contains("others");
        }
    }

    @Test
    void aTransferDeclaringMoreThanTheLimitIsRefusedAtItsFirstPart() throws Exception {
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(SMALL_FRAME))) {
            Context hostile = router.connect(Local.spec().name("liar"));
            Receiver<byte[]> r = router.newReceiver();
            Sender<byte[]> s = r.sender();
            int id = hostile.id();
            int handle = s.handle();

            hostile.call(() -> openTransfers(s, id, handle, 1, 1_000, Integer.MAX_VALUE - 8L));

            assertThatThrownBy(() -> r.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(ChannelClosedException.class)
                    .hasMessageContaining("a value of 2147483639 bytes encoded, more than the limit of "
                            + CallOptions.DEFAULT_MAX_VALUE_SIZE);
        }
    }

    /**
     * Writes the first part of {@code n} transfers, each {@code slice} bytes declaring {@code total}, to receiver
     * {@code handle}, straight onto the stream to the parent.
     */
    static int openTransfers(Sender<byte[]> granted, int self, int handle, int n, int slice, long total)
            throws Exception {
        granted.hashCode(); // captured, so this context was handed the sender: the receiver admits it
        try (FileOutputStream out = new FileOutputStream("/dev/fd/4")) {
            for (int i = 0; i < n; i++) {
                ByteBuffer data = ByteBuffer.allocate(12 + slice);
                data.putInt(7_000_000 + i).putLong(total);
                int flags = Message.FLAG_PART | Message.FLAG_MORE;
                out.write(Frames.encode(new Message(0, self, self, handle, 0, flags, data.array())));
            }
        }
        return n;
    }

    static List<String> build(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add("item-" + i);
        }
        return list;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 13));
        }
        return b;
    }

    static long checksum(byte[] b) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b);
        return crc.getValue() ^ ((long) b.length << 32);
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
