package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.CallOptions;
import io.econtext.ChannelClosedException;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.master.MasterRouter;
import io.econtext.internal.router.DeadReason;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.FileOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A compromised child cannot touch its siblings' traffic. The hostile child's code writes frames straight onto its
 * protocol stream (its own id as {@code src}: a forged {@code src} is dropped anyway), and it is told every handle
 * the master has open: it does not need to guess, so what stops it is the handles' source checks alone.
 *
 * <pre>
 *   master ── hostile            master ── a ── hostile
 *          └─ sibling                        └─ sibling
 * </pre>
 */
@Timeout(60)
class SiblingIsolationTest {
    private static final String FORGED = "FORGED BY A HOSTILE CHILD";
    private static final CallOptions CONCURRENT = CallOptions.DEFAULT.withConcurrent(true);

    @Test
    void deadFramesFromAChildDoNotFailACallPendingToItsSibling() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            CompletableFuture<String> pending = sibling.callAsync(() -> Gate.passThen("the sibling's own answer"));
            List<byte[]> dead = frames(hostile.id(), openHandles(router), Message.FLAG_DEAD, deadReason());

            assertThat(hostile.call(() -> spray(dead))).isEqualTo(dead.size());

            assertThat(pending).as("the call to the sibling after the spray").isNotDone();
            sibling.with(CONCURRENT).call(Gate::open);
            assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo("the sibling's own answer");
            assertThat(hostile.call(() -> "the hostile child's stream stays open"))
                    .isNotNull();
        }
    }

    @Test
    void deadFramesFromAGrandchildDoNotFailACallToItsSiblingBehindTheSameParent() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Local.spec().name("a"));
            Context hostile = router.connect(Local.spec().name("hostile").via(a));
            Context sibling = router.connect(Local.spec().name("sibling").via(a));
            CompletableFuture<String> pending = sibling.callAsync(() -> Gate.passThen("the sibling's own answer"));
            List<byte[]> dead = frames(hostile.id(), openHandles(router), Message.FLAG_DEAD, deadReason());

            assertThat(hostile.call(() -> spray(dead))).isEqualTo(dead.size());

            assertThat(pending)
                    .as("the call to the sibling, which arrives through the same stream as the spray")
                    .isNotDone();
            sibling.with(CONCURRENT).call(Gate::open);
            assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo("the sibling's own answer");
            assertThat(a.call(() -> "the parent is fine")).isNotNull();
        }
    }

    @Test
    void valuesAndCloseFromAChildDoNotReachAChannelItsSiblingFeeds() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            sibling.callAsync(() -> {
                s.send("sibling-1");
                Gate.passThen(null);
                s.send("sibling-2");
                s.close();
                return null;
            });
            assertThat(r.poll(Duration.ofSeconds(10))).contains("sibling-1");
            int[] handles = openHandles(router);
            List<byte[]> spray = frames(hostile.id(), handles, 0, Values.encode(FORGED));
            spray.addAll(frames(hostile.id(), handles, Message.FLAG_CLOSE, new byte[0]));

            assertThat(hostile.call(() -> spray(spray))).isEqualTo(spray.size());
            sibling.with(CONCURRENT).call(Gate::open);

            assertThat(drain(r)).containsExactly("sibling-2", "END: channel ended: its sender was closed");
        }
    }

    @Test
    void aSenderPassedDownFromItsHolderToItsChildFeedsTheReceiver() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context holder = router.connect(Local.spec().name("holder"));
            Context below = router.connect(Local.spec().name("below").via(holder));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();

            holder.call(() -> below.call(() -> {
                s.send("from the holder's child");
                s.close();
                return null;
            }));

            assertThat(drain(r))
                    .containsExactly("from the holder's child", "END: channel ended: its sender was closed");
        }
    }

    @Test
    void aSenderTheMasterGotBackFromOneChildFeedsTheReceiverFromAnother() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context first = router.connect(Local.spec().name("first"));
            Context second = router.connect(Local.spec().name("second"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();

            Sender<String> back = first.call(() -> s);
            second.call(() -> {
                back.send("from the second holder");
                back.close();
                return null;
            });

            assertThat(drain(r)).containsExactly("from the second holder", "END: channel ended: its sender was closed");
        }
    }

    @Test
    void aSenderLeakedToASiblingOfItsHolderIsRefused() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context holder = router.connect(Local.spec().name("holder"));
            Context leakedTo = router.connect(Local.spec().name("leaked-to"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            holder.call(() -> {
                s.send("from the holder");
                return null;
            });
            assertThat(r.poll(Duration.ofSeconds(10))).contains("from the holder");
            // The holder leaks the sender's handle to its sibling (any side channel): the sibling writes to it.
            int[] handle = {s.handle()};
            List<byte[]> leak = frames(leakedTo.id(), handle, 0, Values.encode("from the sibling"));
            leak.addAll(frames(leakedTo.id(), handle, Message.FLAG_CLOSE, new byte[0]));

            leakedTo.call(() -> spray(leak));
            holder.call(() -> {
                s.send("from the holder again");
                s.close();
                return null;
            });

            assertThat(drain(r)).containsExactly("from the holder again", "END: channel ended: its sender was closed");
        }
    }

    /** Blocks the first call in a child until a later (concurrent) call opens it. One per child JVM. */
    static final class Gate {
        private static final CountDownLatch OPEN = new CountDownLatch(1);

        static <T> T passThen(T value) throws InterruptedException {
            if (!OPEN.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate was never opened");
            }
            return value;
        }

        static String open() {
            OPEN.countDown();
            return "open";
        }
    }

    /** Runs in the hostile child: writes the frames onto its protocol stream, one write each. */
    static int spray(List<byte[]> frames) throws IOException {
        try (FileOutputStream out = new FileOutputStream("/dev/fd/4")) {
            for (byte[] f : frames) {
                out.write(f);
            }
        }
        return frames.size();
    }

    private static int[] openHandles(Router router) {
        int[] handles = ((MasterRouter) router).openHandles();
        assertThat(handles).as("the master's open handles").isNotEmpty();
        return handles;
    }

    private static List<byte[]> frames(int src, int[] handles, int flags, byte[] data) {
        List<byte[]> out = new ArrayList<>();
        for (int h : handles) {
            out.add(Frames.encode(Message.of(0, src, h, 0, flags, data)));
        }
        return out;
    }

    private static byte[] deadReason() {
        return DeadReason.DISCONNECTED.encode(FORGED);
    }

    /** What the receiver delivered, then how it ended ("END: " and the exception's message). */
    private static List<String> drain(Receiver<String> r) {
        List<String> got = new ArrayList<>();
        while (true) {
            Optional<String> v;
            try {
                v = r.poll(Duration.ofSeconds(10));
            } catch (ChannelClosedException e) {
                got.add("END: " + e.getMessage());
                return got;
            }
            if (v.isEmpty()) {
                throw new AssertionError("the channel neither delivered nor ended within 10 s; got " + got);
            }
            got.add(v.get());
        }
    }

    /** Encodes values the way a child would, without a router. */
    private static final class Values {
        private static final ValueCodec CODEC = new ValueCodec(CodecHooks.NONE);

        static byte[] encode(String s) {
            return CODEC.encode(s);
        }
    }
}
