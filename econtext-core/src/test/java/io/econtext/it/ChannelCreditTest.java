package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.ChannelClosedException;
import io.econtext.ChannelWindow;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.internal.child.ChildReceivers;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The non-blocking sends, configured windows, and channels whose receiver lives in a child. */
@Timeout(60)
class ChannelCreditTest {
    /** In the child: the futures of {@link #trySendDeclinesAndSendAsyncQueuesWhileTheWindowIsUsedUp}. */
    static volatile List<CompletableFuture<Void>> pending;

    /** In the child: what its consumer read, as {@code "count in-order"}. */
    static volatile CompletableFuture<String> consumed;

    @Test
    void trySendDeclinesAndSendAsyncQueuesWhileTheWindowIsUsedUp() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("async"));
            Receiver<Integer> r = router.newReceiver(ChannelWindow.of(4, 1 << 20));
            Sender<Integer> s = r.sender();

            List<Object> seen = c.call(() -> {
                List<Object> out = new ArrayList<>();
                s.send(0); // waits for the window (one round trip)
                out.add(s.trySend(1));
                out.add(s.trySend(2));
                out.add(s.trySend(3));
                out.add(s.trySend(99));
                CompletableFuture<Void> f4 = s.sendAsync(4);
                CompletableFuture<Void> f5 = s.sendAsync(5);
                out.add(f4.isDone() || f5.isDone());
                pending = List.of(f4, f5);
                return out;
            });
            assertThat(seen)
                    .as("trySend x4, then: a queued sendAsync done")
                    .containsExactly(true, true, true, false, false);
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                got.add(r.poll(Duration.ofSeconds(10)).orElseThrow());
            }
            assertThat(got).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(c.call(() -> {
                        for (CompletableFuture<Void> f : pending) {
                            f.get(10, TimeUnit.SECONDS);
                        }
                        return "sent";
                    }))
                    .isEqualTo("sent");
            assertThat(r.poll(Duration.ofMillis(200))).as("the declined value").isEmpty();
        }
    }

    /**
     * 300 KiB then 800 KiB into a window of 1 MiB: the second waits, and the consumer takes less than the receiver's
     * batch (half the window) before the channel is empty: the sender's notice that it waits brings the credit back.
     * A value larger than the whole window passes alone.
     */
    @Test
    void valuesLargerThanHalfOrAllOfTheWindowPass() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("large"));
            Receiver<byte[]> r = router.newReceiver(ChannelWindow.of(64, 1 << 20));
            Sender<byte[]> s = r.sender();
            int[] sizes = {300 << 10, 800 << 10, 300 << 10, 800 << 10, 3 << 20, 10, 3 << 20};

            CompletableFuture<Object> sending = c.callAsync(() -> {
                for (int size : sizes) {
                    s.send(new byte[size]);
                }
                s.close();
                return null;
            });
            List<Integer> got = new ArrayList<>();
            for (byte[] v : r) {
                got.add(v.length);
            }

            assertThat(got).containsExactly(300 << 10, 800 << 10, 300 << 10, 800 << 10, 3 << 20, 10, 3 << 20);
            assertThat(sending).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void theMasterSendsIntoAReceiverInAChildInOrder() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("consumer"));
            Sender<Integer> s = c.call(() -> {
                Receiver<Integer> r = ChildReceivers.newReceiver(ChannelWindow.of(8, 1 << 20));
                CompletableFuture<String> done = new CompletableFuture<>();
                consumed = done;
                Thread t = new Thread(() -> {
                    int n = 0;
                    boolean inOrder = true;
                    for (Integer v : r) {
                        inOrder &= v == n;
                        n++;
                    }
                    done.complete(n + " " + inOrder);
                });
                t.setDaemon(true);
                t.start();
                return r.sender();
            });
            for (int i = 0; i < 10_000; i++) {
                s.send(i);
            }
            s.close();

            assertThat(c.call(() -> consumed.get(20, TimeUnit.SECONDS))).isEqualTo("10000 true");
        }
    }

    @Test
    void killingTheReceiversContextEndsAWaitingSendersWait() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("doomed-receiver"));
            Sender<Integer> s = c.call(() -> {
                Receiver<Integer> r = ChildReceivers.newReceiver(ChannelWindow.of(2, 1 << 20));
                return r.sender(); // nobody reads it
            });
            CompletableFuture<String> sending = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                int sent = 0;
                try {
                    for (; sent < 1000; sent++) {
                        s.send(sent);
                    }
                    sending.complete("sent all " + sent);
                } catch (RuntimeException e) {
                    sending.complete(e.getClass().getSimpleName() + " after " + sent + ": " + e.getMessage());
                }
            });
            t.setDaemon(true);
            t.start();
            Thread.sleep(1000);
            assertThat(sending).as("the sender waits for the consumer").isNotDone();

            ProcessHandle.of(c.info().pid()).orElseThrow().destroyForcibly();

            assertThat(sending)
                    .succeedsWithin(Duration.ofSeconds(15))
                    .asString()
                    .isEqualTo(ChannelClosedException.class.getSimpleName() + " after 2: the channel to receiver "
                            + s.handle() + " in context " + c.id() + " ended: context " + c.id() + " was lost: "
                            + lossReason(sending));
        }
    }

    private static String lossReason(CompletableFuture<String> sending) {
        String s = sending.join();
        return s.substring(s.indexOf(" was lost: ") + " was lost: ".length());
    }

    @Test
    void closingAReceiverInAChildFailsTheMastersWaitingSender() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("closing-receiver"));
            Sender<Integer> s = c.call(() -> {
                Receiver<Integer> r = ChildReceivers.newReceiver(ChannelWindow.of(2, 1 << 20));
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    r.close();
                });
                t.setDaemon(true);
                t.start();
                return r.sender();
            });
            long start = System.nanoTime();
            int sent = 0;
            Throwable failed = null;
            try {
                for (; sent < 1000; sent++) {
                    s.send(sent);
                }
            } catch (ChannelClosedException e) {
                failed = e;
            }
            assertThat(sent).as("values sent before the window was used up").isEqualTo(2);
            assertThat(System.nanoTime() - start).as("waited for the close").isGreaterThan(500_000_000L);
            assertThat(failed).hasMessageContaining("the receiver was closed");
        }
    }
}
