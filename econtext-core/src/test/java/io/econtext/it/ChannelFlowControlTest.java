package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.ChannelClosedException;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control of channels with the public API only (so that each test also runs against a runtime without it): a
 * receiver nobody reads holds about one window per sending context, whose senders wait; an ended channel ends their
 * wait; a context that sends past its window is refused.
 */
@Timeout(120)
class ChannelFlowControlTest {
    /** 3,000 values of 64 KiB: 188 MiB, far more than a window (4 MiB by default). */
    private static final int VALUES = 3000;

    private static final int CHUNK = 64 * 1024;
    private static final long HEAP_BOUND = 48L << 20;

    @Test
    void aReceiverNobodyReadsHoldsOneWindowWhileItsSenderWaits() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("flooder"));
            assertSenderWaitsAndNothingIsLost(router, c);
        }
    }

    @Test
    void aSenderTwoHopsAwayWaitsToo() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Local.spec().name("hop1"));
            Context b = router.connect(Local.spec().name("hop2").via(a));
            assertSenderWaitsAndNothingIsLost(router, b);
        }
    }

    /** {@code producer} floods a master receiver; the master reads nothing for 3 s, then everything. */
    private static void assertSenderWaitsAndNothingIsLost(Router router, Context producer) throws Exception {
        Receiver<byte[]> r = router.newReceiver();
        Sender<byte[]> s = r.sender();
        long before = heapUsedAfterGc();

        CompletableFuture<Integer> sending = producer.callAsync(() -> {
            for (int i = 0; i < VALUES; i++) {
                s.send(chunk(i));
            }
            s.close();
            return VALUES;
        });
        Thread.sleep(3000);
        long grown = heapUsedAfterGc() - before;

        assertThat(grown)
                .as("master heap growth with " + (VALUES * (long) CHUNK >> 20) + " MiB sent and nothing read")
                .isLessThan(HEAP_BOUND);
        assertThat(sending).as("the sender waits for the consumer").isNotDone();
        int i = 0;
        for (byte[] v : r) {
            assertThat(v).hasSize(CHUNK);
            assertThat(ByteBuffer.wrap(v).getInt())
                    .as("value " + i + " in order")
                    .isEqualTo(i);
            i++;
        }
        assertThat(i).as("values read").isEqualTo(VALUES);
        assertThat(sending).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(VALUES);
    }

    @Test
    void closingTheReceiverEndsAWaitingSendersWaitWithChannelClosedException() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("waiter"));
            Receiver<byte[]> r = router.newReceiver();
            Sender<byte[]> s = r.sender();

            CompletableFuture<String> sending = c.callAsync(() -> {
                int sent = 0;
                try {
                    for (; sent < 20_000; sent++) {
                        s.send(new byte[16 * 1024]);
                    }
                    return "sent all " + sent + " values";
                } catch (ChannelClosedException e) {
                    return e.getClass().getSimpleName() + " after " + sent + ": " + e.getMessage();
                }
            });
            Thread.sleep(1500);
            assertThat(sending).as("the sender waits for the consumer").isNotDone();
            r.close();

            assertThat(sending)
                    .succeedsWithin(Duration.ofSeconds(10))
                    .asString()
                    .startsWith("ChannelClosedException after ")
                    .contains("receiver " + s.handle() + " in context 0")
                    .contains("the receiver was closed");
        }
    }

    @Test
    void sendingAfterCloseThrowsChannelClosedException() {
        try (Router router = Econtext.newRouter()) {
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            s.close();

            assertThatThrownBy(() -> s.send("late"))
                    .isInstanceOf(ChannelClosedException.class)
                    .hasMessageContaining("is closed");
        }
    }

    /**
     * A hostile child writes 10,000 raw value frames to a receiver whose sender it was handed, past the window of 1,024
     * values: the receiver keeps the first 1,024, refuses the rest, ends the channel with a reason; the master and the
     * hostile child's other traffic go on.
     */
    @Test
    void aContextSendingPastItsWindowIsRefusedAndTheChannelEnds() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<byte[]> r = router.newReceiver();
            Sender<byte[]> s = r.sender();
            int id = hostile.id();
            int handle = s.handle();

            int written = hostile.call(() -> flood(s, id, handle, 10_000));
            assertThat(written).isEqualTo(10_000);

            int read = 0;
            Throwable ended = null;
            try {
                while (true) {
                    byte[] v = r.poll(Duration.ofSeconds(10)).orElseThrow();
                    assertThat(ByteBuffer.wrap(v).getInt()).isEqualTo(read);
                    read++;
                }
            } catch (ChannelClosedException e) {
                ended = e;
            }
            assertThat(read).as("values the receiver kept").isEqualTo(1024);
            assertThat(ended)
                    .hasMessageContaining("context " + id + " sent past its window of 1024 values / 4194304 bytes");
            assertThat(sibling.call(() -> "the master serves the others")).contains("others");
            assertThat(hostile.call(() -> "and the hostile child's calls")).contains("hostile");
        }
    }

    /** Writes {@code n} value frames (1,000-byte arrays) to receiver {@code handle}, bypassing the sender. */
    static int flood(Sender<byte[]> granted, int self, int handle, int n) throws Exception {
        granted.hashCode(); // captured, so this context was handed the sender: the receiver admits it
        try (FileOutputStream out = new FileOutputStream("/dev/fd/4")) {
            for (int i = 0; i < n; i++) {
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                payload.write(1); // codec version
                payload.write(0x10); // BYTES
                payload.write(0xE8); // varint 1000
                payload.write(0x07);
                byte[] body = new byte[1000];
                ByteBuffer.wrap(body).putInt(i);
                payload.write(body);
                out.write(Frames.encode(Message.of(0, self, handle, 0, 0, payload.toByteArray())));
            }
        }
        return n;
    }

    static byte[] chunk(int i) {
        byte[] b = new byte[CHUNK];
        ByteBuffer.wrap(b).putInt(i);
        return b;
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
