package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The router of context 1, a child of the master (0), with two children of its own (2 and 3), each neighbour behind
 * a real pipe pair: the test writes the frames a neighbour would send and reads what the router sends it.
 *
 * <pre>
 *        0 (parent)
 *        |
 *        1  (router under test)
 *       / \
 *      2   3
 * </pre>
 */
@Timeout(20)
class RouterCoreTest {
    private static final long WAIT_MILLIS = 5000;
    /** How long a message that must not arrive is waited for; a later message on the same path proves the order. */
    private static final long QUIET_MILLIS = 200;

    private final List<Neighbour> neighbours = new ArrayList<>();
    private RouterCore router;
    private Neighbour parent;
    private Neighbour child2;
    private Neighbour child3;
    private final BlockingQueue<Loss> losses = new LinkedBlockingQueue<>();

    private record Loss(Set<Integer> ids, String reason, LossReason kind) {}

    @BeforeEach
    void wireUpTheTree() throws IOException {
        parent = neighbour("parent", 0);
        router = new RouterCore(1, new int[] {0}, parent.stream);
        router.addLossListener(new RouterCore.LossListener() {
            @Override
            public void contextsLost(Set<Integer> ids, String reason) {
                throw new AssertionError("the router tells the reason's kind");
            }

            @Override
            public void contextsLost(Set<Integer> ids, LossReason reason) {
                losses.add(new Loss(new TreeSet<>(ids), reason.text(), reason));
            }
        });
        child2 = neighbour("child-2", 2);
        child3 = neighbour("child-3", 3);
        router.addChild(child2.stream);
        router.addChild(child3.stream);
        for (Neighbour n : neighbours) {
            n.stream.startReader(router);
        }
    }

    @AfterEach
    void closeEverything() {
        for (Neighbour n : neighbours) {
            n.close();
        }
    }

    @Test
    void deliversAMessageForThisContextToTheLocalHandle() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.ANY, false, -1);

        parent.send(Message.of(1, 0, handle, 0, 0, text("from the parent")));
        Delivery first = recorder.next();
        router.send(Message.of(1, 1, handle, 0, 0, text("from this context")));
        Delivery second = recorder.next();

        assertThat(textOf(first.message)).isEqualTo("from the parent");
        assertThat(first.from).isSameAs(parent.stream);
        assertThat(textOf(second.message)).isEqualTo("from this context");
        assertThat(second.from).isNull();
    }

    @Test
    void routesAMessageDownToTheChildStreamThatLeadsToItsDestination() throws Exception {
        Message m = new Message(3, 0, 0, 1000, 77, Message.FLAG_CONCURRENT, text("for 3"));

        parent.send(m);

        Message got = child3.next();
        assertThat(got.dst).isEqualTo(3);
        assertThat(got.src).isEqualTo(0);
        assertThat(got.handle).isEqualTo(1000);
        assertThat(got.replyTo).isEqualTo(77);
        assertThat(got.flags).isEqualTo(Message.FLAG_CONCURRENT);
        assertThat(textOf(got)).isEqualTo("for 3");
        child2.assertNothingArrives();
    }

    @Test
    void routesAMessageForAnUnknownContextUpToTheParent() throws Exception {
        child2.send(Message.of(0, 2, Handles.LOG, 0, 0, text("a log line")));
        Message up1 = parent.next();
        router.send(Message.of(42, 1, 1000, 0, 0, text("for someone above")));
        Message up2 = parent.next();

        assertThat(up1.src).isEqualTo(2);
        assertThat(textOf(up1)).isEqualTo("a log line");
        assertThat(up2.dst).isEqualTo(42);
        assertThat(textOf(up2)).isEqualTo("for someone above");
    }

    @Test
    void routesBetweenSiblingsThroughTheirParent() throws Exception {
        child2.send(Message.of(3, 2, 1000, 0, 0, text("hi sibling")));

        Message got = child3.next();
        assertThat(got.src).isEqualTo(2);
        assertThat(textOf(got)).isEqualTo("hi sibling");
    }

    /**
     * The reader of child 2 forwards 512 KiB to child 4, which reads nothing (its pipe holds 64 KiB): the reader goes
     * on reading, child 3 still gets what child 2 sends it, the parent too, and child 4 gets every frame, in order,
     * once it reads again.
     */
    @Test
    void aReaderForwardingToAChildThatStoppedReadingDoesNotWaitForIt() throws Exception {
        Neighbour stalled = stalledChild("child-4", 4);
        byte[] data = new byte[2048];
        for (int i = 0; i < 256; i++) {
            child2.send(Message.of(4, 2, 1000, i, 0, data));
        }

        child2.send(Message.of(3, 2, 1000, 0, 0, text("to a sibling, behind 512 KiB for a stopped one")));
        assertThat(textOf(child3.next())).isEqualTo("to a sibling, behind 512 KiB for a stopped one");
        child2.send(Message.of(0, 2, 1000, 0, 0, text("up")));
        assertThat(textOf(parent.next())).isEqualTo("up");
        router.send(Message.of(3, 1, 1000, 0, 0, text("from this context")));
        assertThat(textOf(child3.next())).isEqualTo("from this context");

        stalled.reading.countDown();
        for (int i = 0; i < 256; i++) {
            assertThat(stalled.next().replyTo).isEqualTo(i);
        }
        assertThat(stalled.stream.isClosed()).isFalse();
    }

    /**
     * A child that reads nothing of {@link FrameWriter#HARD_LIMIT} bytes forwarded to it loses its stream (a frozen
     * process, not a slow one), rather than the router's memory growing without bound; the forwarding reader and the
     * rest of the tree go on.
     */
    @Test
    void aChildThatReadsNothingOfTheHardLimitLosesItsStream() throws Exception {
        Neighbour stalled = stalledChild("child-4", 4);
        byte[] data = new byte[(1 << 20) - 64];
        int frames = (int) (FrameWriter.HARD_LIMIT / data.length) + 2;
        for (int i = 0; i < frames; i++) {
            child2.send(Message.of(4, 2, 1000, 0, 0, data));
        }

        assertThat(stalled.closedHook.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(stalled.stream.closeReason()).contains("read none of the last");
        stalled.endInput(); // its process is reaped
        Loss loss = losses.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(loss.ids()).containsExactly(4);
        child2.send(Message.of(3, 2, 1000, 0, 0, text("still routing")));
        assertThat(textOf(child3.next())).isEqualTo("still routing");
        stalled.reading.countDown();
    }

    @Test
    void dropsAMessageWhoseSourceIsNotBelowTheChildStreamItArrivedOn() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.ANY, false, -1);

        child2.send(Message.of(1, 3, handle, 0, 0, text("spoofed: claims to be the sibling")));
        child2.send(Message.of(1, 0, handle, 0, 0, text("spoofed: claims to be the master")));
        child2.send(Message.of(0, 3, 1000, 0, 0, text("spoofed: on its way up")));
        child2.send(Message.of(1, 2, handle, 0, 0, text("legit")));

        assertThat(textOf(recorder.next().message)).isEqualTo("legit");
        recorder.assertNothingArrives();
        parent.assertNothingArrives();
    }

    @Test
    void dropsAMessageFromTheParentStreamThatClaimsToComeFromBelow() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.ANY, false, -1);

        parent.send(Message.of(1, 2, handle, 0, 0, text("spoofed: claims to be child 2")));
        parent.send(Message.of(1, 1, handle, 0, 0, text("spoofed: claims to be context 1 itself")));
        parent.send(Message.of(1, 0, handle, 0, 0, text("legit")));

        assertThat(textOf(recorder.next().message)).isEqualTo("legit");
        recorder.assertNothingArrives();
    }

    @Test
    void refusesACallFromAChildAndAnswersTheSenderWithARefusal() throws Exception {
        Recorder calls = new Recorder();
        router.addHandle(Handles.CALL, calls, Policy.FROM_ANCESTOR);

        child2.send(Message.of(1, 2, Handles.CALL, 5000, 0, text("run this in my parent")));

        Message dead = child2.next();
        assertThat(dead.dst).isEqualTo(2);
        assertThat(dead.src).isEqualTo(1);
        assertThat(dead.handle).isEqualTo(5000);
        assertThat(dead.has(Message.FLAG_DEAD)).isTrue();
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.REFUSED);
        assertThat(DeadReason.textOf(dead.data)).contains("refused").contains("context 2");
        calls.assertNothingArrives();
    }

    @Test
    void refusesACallFromAGrandchildAndFromASiblingRoutedThroughIt() throws Exception {
        Recorder calls = new Recorder();
        router.addHandle(Handles.CALL, calls, Policy.FROM_ANCESTOR);
        announce(child2, 5, 2);
        assertThat(parent.next().handle).isEqualTo(Handles.ADD_ROUTE);

        child2.send(Message.of(1, 5, Handles.CALL, 6000, 0, text("from the grandchild")));

        Message dead = child2.next();
        assertThat(dead.dst).isEqualTo(5);
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.REFUSED);
        calls.assertNothingArrives();
    }

    @Test
    void acceptsACallFromTheParent() throws Exception {
        Recorder calls = new Recorder();
        router.addHandle(Handles.CALL, calls, Policy.FROM_ANCESTOR);

        parent.send(Message.of(1, 0, Handles.CALL, 7000, 0, text("do this")));

        Delivery d = calls.next();
        assertThat(textOf(d.message)).isEqualTo("do this");
        assertThat(d.from).isSameAs(parent.stream);
    }

    @Test
    void answersAMessageForAMissingHandleWithNoHandle() throws Exception {
        parent.send(Message.of(1, 0, 4242, 8000, 0, text("anyone?")));

        Message dead = parent.next();
        assertThat(dead.handle).isEqualTo(8000);
        assertThat(dead.has(Message.FLAG_DEAD)).isTrue();
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.NO_HANDLE);
        assertThat(DeadReason.textOf(dead.data)).contains("no handle 4242");
    }

    @Test
    void deliversToAOneShotHandleOnlyOnce() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 0);

        parent.send(Message.of(1, 0, handle, 0, 0, text("the reply")));
        parent.send(Message.of(1, 0, handle, 9000, 0, text("a second reply")));

        assertThat(textOf(recorder.next().message)).isEqualTo("the reply");
        Message dead = parent.next();
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.NO_HANDLE);
        recorder.assertNothingArrives();
    }

    @Test
    void letsOnlyTheExpectedSourceAnswerAReplyHandle() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 3);

        child2.send(Message.of(1, 2, handle, 0, 0, text("not from the one asked")));
        child3.send(Message.of(1, 3, handle, 0, 0, text("the answer")));

        assertThat(textOf(recorder.next().message)).isEqualTo("the answer");
        recorder.assertNothingArrives();
    }

    @Test
    void propagatesAnAddedRouteUpwardAndRoutesToTheNewContext() throws Exception {
        announce(child2, 5, 2);

        Message announce = parent.next();
        assertThat(announce.dst).isEqualTo(0);
        assertThat(announce.src).isEqualTo(1);
        assertThat(announce.handle).isEqualTo(Handles.ADD_ROUTE);
        assertThat(RouterCore.decodeIds(announce.data)).containsExactly(5, 2);
        assertThat(router.routeTo(5)).isSameAs(child2.stream);
        assertThat(router.isLocalOrBelow(5)).isTrue();

        parent.send(Message.of(5, 0, 1000, 0, 0, text("for the grandchild")));
        Message down = child2.next();
        assertThat(down.dst).isEqualTo(5);
        assertThat(textOf(down)).isEqualTo("for the grandchild");
    }

    @Test
    void refusesRouteAnnouncementsThatWouldHijackAnotherRoute() throws Exception {
        announce(child2, 3, 2, 0, 2, 1, 2);
        parent.send(Message.of(1, 0, Handles.ADD_ROUTE, 0, 0, RouterCore.encodeIds(new int[] {9, 1})));
        announce(child2, 6, 2);

        Message onlyLegit = parent.next();
        assertThat(RouterCore.decodeIds(onlyLegit.data)).containsExactly(6, 2);
        assertThat(router.routeTo(3)).isSameAs(child3.stream);
        assertThat(router.routeTo(0)).isNull();
        assertThat(router.routeTo(9)).isNull();
        parent.assertNothingArrives();
    }

    @Test
    void refusesARouteTheValidatorRejects() throws Exception {
        router.setRouteValidator((id, parentId, via) -> id != 7);

        announce(child2, 7, 2, 8, 2);

        assertThat(RouterCore.decodeIds(parent.next().data)).containsExactly(8, 2);
        assertThat(router.routeTo(7)).isNull();
    }

    @Test
    void propagatesALostRouteUpwardAndTellsTheLossListeners() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, gone(5)));

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(5);
        assertThat(loss.reason).contains("context 2");
        Message del = parent.next();
        assertThat(del.handle).isEqualTo(Handles.DEL_ROUTE);
        assertThat(lostIds(del.data)).containsExactly(5);
        assertThat(router.routeTo(5)).isNull();
    }

    @Test
    void ignoresARouteDeletionForContextsNotBelowTheSender() throws Exception {
        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, gone(3)));
        child2.send(Message.of(0, 2, 1000, 0, 0, text("marker")));

        assertThat(textOf(parent.next())).isEqualTo("marker");
        assertThat(router.routeTo(3)).isSameAs(child3.stream);
        assertThat(losses.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void answersAMessageForALostContextWithDisconnected() throws Exception {
        announce(child2, 5, 2);
        parent.next();
        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, gone(5)));
        parent.next();

        parent.send(Message.of(5, 0, Handles.CALL, 1234, 0, text("still there?")));

        Message dead = parent.next();
        assertThat(dead.dst).isEqualTo(0);
        assertThat(dead.handle).isEqualTo(1234);
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.DISCONNECTED);
        assertThat(DeadReason.textOf(dead.data)).contains("no route to context 5");
    }

    @Test
    void losesTheWholeSubtreeWhenAChildStreamEnds() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        child2.endInput();

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(2, 5);
        assertThat(loss.reason).contains("child-2").contains("end of stream");
        Message del = parent.next();
        assertThat(del.handle).isEqualTo(Handles.DEL_ROUTE);
        assertThat(lostIds(del.data)).containsExactlyInAnyOrder(2, 5);
        assertThat(child2.stream.isClosed()).isTrue();
        assertThat(child2.closedHook.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(router.routeTo(5)).isNull();
    }

    @Test
    void aStreamEndingInsideAFrameIsAnEndOfStreamNotCorruptInput() throws Exception {
        byte[] frame = io.econtext.internal.wire.Frames.encode(Message.of(1, 2, 1234, 0, 0, text("cut short")));

        child2.sendRaw(java.util.Arrays.copyOf(frame, frame.length - 3)); // what a peer killed mid-write leaves
        child2.endInput();

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(2);
        assertThat(child2.stream.closeReason())
                .startsWith("end of stream: stream ended inside a frame")
                .doesNotContain("corrupt");
    }

    @Test
    void closesOnlyTheStreamThatSentACorruptFrame() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.ANY, false, -1);

        child2.sendRaw("this is not a frame, it is garbage".getBytes(StandardCharsets.US_ASCII));

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(2);
        assertThat(loss.reason).contains("corrupt input").contains("bad frame magic");
        assertThat(child2.stream.closeReason()).contains("corrupt input");
        child3.send(Message.of(1, 3, handle, 0, 0, text("the sibling still gets through")));
        assertThat(textOf(recorder.next().message)).isEqualTo("the sibling still gets through");
        assertThat(child3.stream.isClosed()).isFalse();
    }

    @Test
    void runsTheParentLostActionWhenTheParentStreamEnds() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        router.setOnParentLost(lost::countDown);

        parent.endInput();

        assertThat(lost.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(losses).isEmpty();
    }

    @Test
    void listsOnlyDirectChildrenAsChildStreams() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        assertThat(router.childStreams()).containsExactlyInAnyOrder(child2.stream, child3.stream);
    }

    @Test
    void tellsEveryHandleWhenItsContextCloses() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        router.newHandle(a, Policy.ANY, false, -1);
        router.addHandle(Handles.CALL, b, Policy.FROM_ANCESTOR);

        router.closeHandles();

        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
    }

    @Test
    void theMasterBouncesMessagesItHasNoRouteFor() throws Exception {
        RouterCore master = new RouterCore(0, new int[0], null);
        Recorder replies = new Recorder();
        int handle = master.newHandle(replies, Policy.EXPECTED_SOURCE, true, 12);

        master.send(Message.of(12, 0, Handles.CALL, handle, 0, text("to nobody")));

        Message dead = replies.next().message;
        assertThat(dead.has(Message.FLAG_DEAD)).isTrue();
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.DISCONNECTED);
        assertThat(DeadReason.textOf(dead.data)).contains("no route to context 12");
    }

    // Reply handles (Policy.EXPECTED_SOURCE). The subtree below child 2: 5 (child of 2), 6 (child of 5), 7 (child of
    // 2).

    @Test
    void aReplyHandleTakesADeadAnswerFromARouterOnThePathToItsContext() throws Exception {
        growSubtreeBelowChild2();
        Recorder viaGrandchild = new Recorder();
        Recorder viaChild = new Recorder();
        int h1 = router.newHandle(viaGrandchild, Policy.EXPECTED_SOURCE, true, 6);
        int h2 = router.newHandle(viaChild, Policy.EXPECTED_SOURCE, true, 6);

        child2.send(dead(1, 5, h1, "5 lost 6"));
        child2.send(dead(1, 2, h2, "2 has no route to 6"));

        assertThat(DeadReason.textOf(viaGrandchild.next().message.data)).isEqualTo("5 lost 6");
        assertThat(DeadReason.textOf(viaChild.next().message.data)).isEqualTo("2 has no route to 6");
    }

    @Test
    void aReplyHandleRefusesADeadAnswerFromAnyContextOffThePath() throws Exception {
        growSubtreeBelowChild2();
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 6);

        child2.send(dead(1, 7, handle, "forged by a context beside the path, on the same stream"));
        child3.send(dead(1, 3, handle, "forged by a sibling"));
        parent.send(dead(1, 0, handle, "forged from above, on a stream that does not lead to 6"));
        child2.send(Message.of(1, 7, handle, 0, 0, text("a value forged beside the path")));
        child2.send(Message.of(1, 6, handle, 0, 0, text("the answer")));

        Delivery d = recorder.next();
        assertThat(d.message.src).isEqualTo(6);
        assertThat(textOf(d.message)).isEqualTo("the answer");
        recorder.assertNothingArrives();
    }

    @Test
    void aReplyHandleTakesThisRoutersOwnBounce() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 3);

        router.send(Message.of(1, 1, 4242, handle, 0, text("to a handle that does not exist")));

        Message dead = recorder.next().message;
        assertThat(dead.src).isEqualTo(1);
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.NO_HANDLE);
    }

    @Test
    void aReplyHandleForAnAncestorTakesADeadAnswerOnlyFromANearerAncestorOnTheParentStream() throws Exception {
        Neighbour up = neighbour("up", 4);
        Neighbour down = neighbour("down", 8);
        RouterCore deep = new RouterCore(1, new int[] {4, 0}, up.stream);
        deep.addChild(down.stream);
        up.stream.startReader(deep);
        down.stream.startReader(deep);
        Recorder fromParent = new Recorder();
        Recorder fromChild = new Recorder();
        int h1 = deep.newHandle(fromParent, Policy.EXPECTED_SOURCE, true, 0);
        int h2 = deep.newHandle(fromChild, Policy.EXPECTED_SOURCE, true, 0);

        down.send(dead(1, 8, h2, "forged by a child"));
        up.send(dead(1, 4, h1, "the parent lost the way to 0"));

        assertThat(DeadReason.textOf(fromParent.next().message.data)).isEqualTo("the parent lost the way to 0");
        fromChild.assertNothingArrives();
    }

    @Test
    void aReplyHandleForAContextBesideThisOneTakesADeadAnswerOnlyFromAbove() throws Exception {
        Recorder fromAbove = new Recorder();
        Recorder fromBelow = new Recorder();
        int h1 = router.newHandle(fromAbove, Policy.EXPECTED_SOURCE, true, 9);
        int h2 = router.newHandle(fromBelow, Policy.EXPECTED_SOURCE, true, 9);

        child2.send(dead(1, 2, h2, "forged by a child"));
        parent.send(dead(1, 0, h1, "no route to 9"));

        assertThat(DeadReason.textOf(fromAbove.next().message.data)).isEqualTo("no route to 9");
        fromBelow.assertNothingArrives();
    }

    @Test
    void theMasterTakesADeadAnswerOnlyFromTheRoutersOnThePathToTheContext() throws Exception {
        Neighbour toChild1 = neighbour("child-1", 1);
        RouterCore master = new RouterCore(0, new int[0], null);
        master.addChild(toChild1.stream);
        toChild1.stream.startReader(master);
        // 1 booted 2 and 3; 2 booted 4: a DEAD about 4 may come from 2 or 1, never from 3 (same stream, off the path).
        toChild1.send(Message.of(0, 1, Handles.ADD_ROUTE, 0, 0, RouterCore.encodeIds(new int[] {2, 1, 3, 1, 4, 2})));
        Recorder fromSibling = new Recorder();
        Recorder fromParentOfIt = new Recorder();
        Recorder fromChild = new Recorder();
        int h1 = master.newHandle(fromSibling, Policy.EXPECTED_SOURCE, true, 4);
        int h2 = master.newHandle(fromParentOfIt, Policy.EXPECTED_SOURCE, true, 4);
        int h3 = master.newHandle(fromChild, Policy.EXPECTED_SOURCE, true, 4);

        toChild1.send(dead(0, 3, h1, "forged by the sibling"));
        toChild1.send(dead(0, 2, h2, "2 lost 4"));
        toChild1.send(dead(0, 1, h3, "1 lost the way to 4"));

        assertThat(DeadReason.textOf(fromParentOfIt.next().message.data)).isEqualTo("2 lost 4");
        assertThat(DeadReason.textOf(fromChild.next().message.data)).isEqualTo("1 lost the way to 4");
        fromSibling.assertNothingArrives();
    }

    @Test
    void aRefusedAnswerToAReplyHandleIsAnsweredAsIfTheHandleDidNotExist() throws Exception {
        int handle = router.newHandle(new Recorder(), Policy.EXPECTED_SOURCE, true, 3);

        child2.send(Message.of(1, 2, handle, 5000, 0, text("not the one asked")));

        Message dead = child2.next();
        assertThat(DeadReason.codeOf(dead.data)).isEqualTo(DeadReason.NO_HANDLE);
        assertThat(DeadReason.textOf(dead.data)).isEqualTo("context 1 has no handle " + handle);
    }

    // Receivers (Policy.GRANTED)

    @Test
    void aReceiverTakesValuesAndCloseOnlyFromTheContextsItsSenderWasHandedTo() throws Exception {
        growSubtreeBelowChild2();
        Recorder recorder = new Recorder();
        Recorder markers = new Recorder();
        int handle = router.newHandle(recorder, Policy.GRANTED, false, -1);
        int marker = router.newHandle(markers, Policy.ANY, false, -1);
        router.grant(handle, 2);

        child3.send(Message.of(1, 3, handle, 0, 0, text("forged by a sibling of the holder")));
        child3.send(Message.of(1, 3, handle, 0, Message.FLAG_CLOSE, null));
        child3.send(Message.of(1, 3, marker, 0, 0, text("child 3 sent everything")));
        parent.send(Message.of(1, 0, handle, 0, 0, text("from above, not granted")));
        parent.send(Message.of(1, 0, marker, 0, 0, text("the parent sent everything")));
        child2.send(Message.of(1, 2, handle, 0, 0, text("from the holder")));
        child2.send(Message.of(1, 6, handle, 0, 0, text("from below the holder")));
        markers.next();
        markers.next();
        assertThat(textOf(recorder.next().message)).isEqualTo("from the holder");
        assertThat(textOf(recorder.next().message)).isEqualTo("from below the holder");
        recorder.assertNothingArrives();

        router.send(Message.of(1, 1, handle, 0, 0, text("from this context")));
        router.grant(handle, 3);
        child3.send(Message.of(1, 3, handle, 0, Message.FLAG_CLOSE, null));

        assertThat(textOf(recorder.next().message)).isEqualTo("from this context");
        Message close = recorder.next().message;
        assertThat(close.src).isEqualTo(3);
        assertThat(close.has(Message.FLAG_CLOSE)).isTrue();
        recorder.assertNothingArrives();
    }

    @Test
    void aRefusedSenderLearnsNothingAboutTheReceiversHandle() throws Exception {
        int handle = router.newHandle(new Recorder(), Policy.GRANTED, false, -1);

        child3.send(Message.of(1, 3, handle, 5001, 0, text("anyone?")));
        child3.send(Message.of(1, 3, handle + 1, 5002, 0, text("anyone there?")));

        assertThat(DeadReason.textOf(child3.next().data)).isEqualTo("context 1 has no handle " + handle);
        assertThat(DeadReason.textOf(child3.next().data)).isEqualTo("context 1 has no handle " + (handle + 1));
    }

    @Test
    void grantingOpensOnlyReceivers() throws Exception {
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 2);

        router.grant(handle, 3);
        child3.send(Message.of(1, 3, handle, 0, 0, text("forged")));
        child2.send(Message.of(1, 2, handle, 0, 0, text("the answer")));

        assertThat(textOf(recorder.next().message)).isEqualTo("the answer");
        recorder.assertNothingArrives();
    }

    // Route announcements carry each context's parent

    @Test
    void refusesARouteWhoseParentIsNotBelowTheAnnouncingChild() throws Exception {
        announce(child2, 8, 3, 8, 0, 8, 1, 8, 42);
        announce(child2, 9, 2);

        assertThat(RouterCore.decodeIds(parent.next().data)).containsExactly(9, 2);
        assertThat(router.routeTo(8)).isNull();
        parent.assertNothingArrives();
    }

    @Test
    void refusesToMoveAContextOnceAnnounced() throws Exception {
        growSubtreeBelowChild2();
        Recorder recorder = new Recorder();
        int handle = router.newHandle(recorder, Policy.EXPECTED_SOURCE, true, 5);

        announce(child2, 5, 6, 6, 7);
        child2.send(dead(1, 6, handle, "6 claims to be above 5 now"));
        announce(child2, 5, 2);
        child2.send(dead(1, 2, handle, "2 lost 5"));

        assertThat(DeadReason.textOf(recorder.next().message.data)).isEqualTo("2 lost 5");
        assertThat(RouterCore.decodeIds(parent.next().data))
                .as("the harmless repeat")
                .containsExactly(5, 2);
        parent.assertNothingArrives();
    }

    @Test
    void numbersHandlesUnpredictablyAndNeverBelowTheDynamicRange() {
        int a = router.newHandle(new Recorder(), Policy.ANY, false, -1);
        int b = router.newHandle(new Recorder(), Policy.ANY, false, -1);
        int c = router.newHandle(new Recorder(), Policy.ANY, false, -1);

        assertThat(Math.min(a, Math.min(b, c))).isGreaterThanOrEqualTo(Handles.FIRST_DYNAMIC);
        assertThat(b - a == 1 && c - b == 1)
                .as("consecutive handles " + a + ", " + b + ", " + c)
                .isFalse();
        assertThat(router.allocatedHandles()).containsExactlyInAnyOrder(a, b, c);
    }

    /** Child 2 booted 5 and 7, and 5 booted 6; the announcements reach the parent too. */
    private void growSubtreeBelowChild2() throws Exception {
        announce(child2, 5, 2, 7, 2);
        announce(child2, 6, 5);
        parent.next();
        parent.next();
        parent.next();
    }

    private static Message dead(int dst, int src, int handle, String why) {
        return Message.of(dst, src, handle, 0, Message.FLAG_DEAD, DeadReason.DISCONNECTED.encode(why));
    }

    /** Child {@code from} announces contexts below it: pairs of (context, its parent). */
    private static void announce(Neighbour from, int... pairs) throws IOException {
        from.send(Message.of(1, from.stream.remoteId(), Handles.ADD_ROUTE, 0, 0, RouterCore.encodeIds(pairs)));
    }

    private static byte[] gone(int... ids) {
        Set<Integer> set = new java.util.LinkedHashSet<>();
        for (int id : ids) {
            set.add(id);
        }
        return LossReason.gone("test").encode(set);
    }

    private static int[] lostIds(byte[] delRoute) {
        int[][] ids = new int[1][];
        assertThat(LossReason.decode(delRoute, ids, "test"))
                .as("a well-formed DEL_ROUTE")
                .isNotNull();
        return ids[0];
    }

    @Test
    void reportsAChildDeclaredUnresponsiveUpwardWithItsIdAndSilence() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        router.unresponsive(child2.stream, 3_000_000_000L);

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(2, 5);
        assertThat(loss.kind.isUnresponsive()).isTrue();
        assertThat(loss.kind.silentId()).isEqualTo(2);
        assertThat(loss.reason).contains("child-2").contains("3000 ms");
        assertThat(child2.stream.isClosed()).isTrue();
        Message del = parent.next();
        int[][] ids = new int[1][];
        LossReason up = LossReason.decode(del.data, ids, "context 1");
        assertThat(ids[0]).containsExactlyInAnyOrder(2, 5);
        assertThat(up.silentId()).isEqualTo(2);
        assertThat(up.silenceNanos()).isEqualTo(3_000_000_000L);
        assertThat(router.routeTo(5)).isNull();
    }

    @Test
    void passesAnUnresponsiveReportFromBelowUpwardUnchanged() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        child2.send(Message.of(
                1,
                2,
                Handles.DEL_ROUTE,
                0,
                0,
                LossReason.unresponsive(5, 7_000_000L, "x").encode(Set.of(5))));

        Loss loss = nextLoss();
        assertThat(loss.ids).containsExactly(5);
        assertThat(loss.kind.silentId()).isEqualTo(5);
        assertThat(loss.kind.silenceNanos()).isEqualTo(7_000_000L);
        int[][] ids = new int[1][];
        LossReason up = LossReason.decode(parent.next().data, ids, "context 1");
        assertThat(ids[0]).containsExactly(5);
        assertThat(up.silentId()).isEqualTo(5);
    }

    @Test
    void refusesAnUnresponsiveReportAboutAContextItDoesNotLose() throws Exception {
        announce(child2, 5, 2);
        parent.next();
        byte[] notAmongLost = LossReason.unresponsive(3, 1, "x").encode(Set.of(5));
        byte[] negative = LossReason.unresponsive(5, -1, "x").encode(Set.of(5));
        byte[] trailing = Arrays.copyOf(LossReason.unresponsive(5, 1, "x").encode(Set.of(5)), 22);

        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, notAmongLost));
        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, negative));
        child2.send(Message.of(1, 2, Handles.DEL_ROUTE, 0, 0, trailing));
        child2.send(Message.of(0, 2, 1000, 0, 0, text("marker")));

        assertThat(textOf(parent.next())).isEqualTo("marker");
        assertThat(router.routeTo(5)).isSameAs(child2.stream);
        assertThat(losses.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void answersAPingFromANeighbourAndRefusesOneFromFurtherAway() throws Exception {
        announce(child2, 5, 2);
        parent.next();

        child2.send(Message.of(1, 2, Handles.HEARTBEAT, Handles.HEARTBEAT, 0, null));
        Message answer = child2.next();
        parent.send(Message.of(1, 0, Handles.HEARTBEAT, Handles.HEARTBEAT, 0, null));
        Message up = parent.next();
        child2.send(Message.of(1, 5, Handles.HEARTBEAT, Handles.HEARTBEAT, 0, null)); // 5 is no neighbour of 1

        assertThat(answer.dst).isEqualTo(2);
        assertThat(answer.src).isEqualTo(1);
        assertThat(answer.handle).isEqualTo(Handles.HEARTBEAT);
        assertThat(answer.replyTo).as("an answer asks for none").isEqualTo(0);
        assertThat(up.dst).isEqualTo(0);
        assertThat(up.handle).isEqualTo(Handles.HEARTBEAT);
        Message refused = child2.next();
        assertThat(refused.has(Message.FLAG_DEAD)).isTrue();
        assertThat(DeadReason.codeOf(refused.data)).isEqualTo(DeadReason.REFUSED);
    }

    @Test
    void pingsASilentChildThenDeclaresItUnresponsiveButNotOneWhoseReaderIsBusyDelivering() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        router.addHandle(
                1000,
                (m, from) -> {
                    try {
                        release.await(); // child 2's reader is held by what it delivers
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                Policy.ANY);
        child2.send(Message.of(1, 2, 1000, 0, 0, text("hold the reader")));
        Thread.sleep(50);
        io.econtext.internal.util.JdkScheduler timer = new io.econtext.internal.util.JdkScheduler("test-heartbeat");
        Heartbeat heartbeat = new Heartbeat(router, timer, 50, 400);
        try {
            heartbeat.start();

            Message ping = child3.next();
            assertThat(ping.handle).isEqualTo(Handles.HEARTBEAT);
            assertThat(ping.replyTo).as("a ping asks for an answer").isEqualTo(Handles.HEARTBEAT);
            assertThat(ping.dst).isEqualTo(3);
            Loss loss = nextLoss();
            assertThat(loss.ids).containsExactly(3);
            assertThat(loss.kind.silentId()).isEqualTo(3);
            assertThat(loss.kind.silenceNanos()).isGreaterThanOrEqualTo(400_000_000L);
            // the loss is reported first (callers waiting on the stream then fail with it), the stream closes next
            assertThat(child3.closedHook.await(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                    .isTrue();
            assertThat(child3.stream.isClosed()).isTrue();
            Thread.sleep(600);
            assertThat(child2.stream.isClosed())
                    .as("a busy reader is no silent peer")
                    .isFalse();
            assertThat(losses).isEmpty();
        } finally {
            heartbeat.stop();
            timer.shutdown();
            release.countDown();
        }
    }

    private Loss nextLoss() throws InterruptedException {
        Loss l = losses.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(l).as("a loss notice").isNotNull();
        return l;
    }

    private Neighbour neighbour(String name, int remoteId) throws IOException {
        Neighbour n = new Neighbour(name, remoteId);
        n.reading.countDown();
        neighbours.add(n);
        return n;
    }

    /** A child that stops reading (a stopped process): the router's writes to it fill its pipe. */
    private Neighbour stalledChild(String name, int remoteId) throws IOException {
        Neighbour n = new Neighbour(name, remoteId);
        neighbours.add(n);
        router.addChild(n.stream);
        n.stream.startReader(router);
        return n;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String textOf(Message m) {
        return new String(m.data, StandardCharsets.UTF_8);
    }

    private record Delivery(Message message, Stream from) {}

    /** A handle receiver that queues what it gets. */
    private static final class Recorder implements HandleReceiver {
        final BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public void receive(Message message, Stream from) {
            got.add(new Delivery(message, from));
        }

        @Override
        public void onClose() {
            closed = true;
        }

        Delivery next() throws InterruptedException {
            Delivery d = got.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(d).as("a delivery").isNotNull();
            return d;
        }

        void assertNothingArrives() throws InterruptedException {
            assertThat(got.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS))
                    .as("an unexpected delivery")
                    .isNull();
        }
    }

    /** The far side of one stream of the router under test: two pipes, one per direction. */
    private static final class Neighbour {
        final Stream stream;
        final CountDownLatch closedHook = new CountDownLatch(1);
        private final OutputStream toRouterRaw;
        private final FrameWriter toRouter;
        private final InputStream fromRouterRaw;
        private final BlockingQueue<Message> fromRouter = new LinkedBlockingQueue<>();
        /** Counted down when this neighbour reads what the router sends it (a stopped process does not). */
        final CountDownLatch reading = new CountDownLatch(1);

        Neighbour(String name, int remoteId) throws IOException {
            Pipe in = Pipe.open();
            Pipe out = Pipe.open();
            stream = new Stream(
                    name,
                    remoteId,
                    new FrameReader(Channels.newInputStream(in.source()), 1 << 20),
                    new FrameWriter(Channels.newOutputStream(out.sink())),
                    closedHook::countDown);
            toRouterRaw = Channels.newOutputStream(in.sink());
            toRouter = new FrameWriter(toRouterRaw);
            fromRouterRaw = Channels.newInputStream(out.source());
            Thread collector = new Thread(
                    () -> {
                        FrameReader r = new FrameReader(fromRouterRaw, 1 << 20);
                        try {
                            reading.await();
                            Message m;
                            while ((m = r.read()) != null) {
                                fromRouter.add(m);
                            }
                        } catch (IOException | InterruptedException ignored) {
                            // the test is over
                        }
                    },
                    "collector-" + name);
            collector.setDaemon(true);
            collector.start();
        }

        void send(Message m) throws IOException {
            toRouter.writeAndFlush(m);
        }

        void sendRaw(byte[] bytes) throws IOException {
            toRouter.writeRaw(bytes);
            toRouter.flush();
        }

        void endInput() {
            toRouter.close();
        }

        Message next() throws InterruptedException {
            Message m = fromRouter.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(m).as("a message to " + stream.name()).isNotNull();
            return m;
        }

        void assertNothingArrives() throws InterruptedException {
            Message m = fromRouter.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(m).as("an unexpected message to " + stream.name()).isNull();
        }

        void close() {
            toRouter.close();
            stream.close("test over");
            try {
                fromRouterRaw.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public String toString() {
            return stream.name() + Arrays.toString(fromRouter.toArray());
        }
    }
}
