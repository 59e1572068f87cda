package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Route announcements (ADD_ROUTE: pairs of big-endian context id and parent id) and losses (DEL_ROUTE: big-endian ids)
 * that a child sends; a list whose length does not fit its shape is corrupt and is ignored whole (before, the ids
 * before the stray bytes were applied).
 * The frames travel on a real stream from the child, read by the router's reader.
 */
@Timeout(10)
class RouteMessagesTest {
    private static final int PROBE = 100;

    @Test
    void aCompleteAnnouncementAddsItsRoutes() {
        assertThat(routedAfter(8, Message.of(5, 6, Handles.ADD_ROUTE, 0, 0, ids(8, 6))))
                .isTrue();
    }

    @Test
    void anAnnouncementWithStrayBytesAddsNoRoute() {
        byte[] corrupt =
                ByteBuffer.allocate(6).putInt(8).put((byte) 0).put((byte) 9).array();

        assertThat(routedAfter(8, Message.of(5, 6, Handles.ADD_ROUTE, 0, 0, corrupt)))
                .isFalse();
    }

    @Test
    void anAnnouncementOfAnIdWithoutItsParentAddsNoRoute() {
        assertThat(routedAfter(8, Message.of(5, 6, Handles.ADD_ROUTE, 0, 0, ids(8, 6, 9))))
                .isFalse();
    }

    @Test
    void aLossWithStrayBytesRemovesNoRoute() {
        byte[] corrupt = ByteBuffer.allocate(5).putInt(8).put((byte) 0).array();

        assertThat(routedAfter(
                        8,
                        Message.of(5, 6, Handles.ADD_ROUTE, 0, 0, ids(8, 6)),
                        Message.of(5, 6, Handles.DEL_ROUTE, 0, 0, corrupt)))
                .isTrue();
    }

    /**
     * Whether a router (context 5, parent 0) routes to {@code id} once it read {@code frames} from a child stream
     * (context 6). Asked by a last frame, while the stream is still open: routes through a stream end with it.
     */
    private static boolean routedAfter(int id, Message... frames) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Message m : frames) {
            stream.writeBytes(Frames.encode(m));
        }
        stream.writeBytes(Frames.encode(Message.of(5, 6, PROBE, 0, 0, new byte[0])));
        RouterCore router = new RouterCore(5, new int[] {0}, idle("parent", 0));
        Stream child = new Stream(
                "child", 6, new FrameReader(new ByteArrayInputStream(stream.toByteArray()), 1 << 16), sink(), null);
        router.addChild(child);
        AtomicBoolean routed = new AtomicBoolean();
        router.addHandle(PROBE, (m, from) -> routed.set(router.routeTo(id) != null), Policy.ANY);
        child.runReader(router);
        return routed.get();
    }

    private static byte[] ids(int... ids) {
        ByteBuffer b = ByteBuffer.allocate(ids.length * 4);
        for (int id : ids) {
            b.putInt(id);
        }
        return b.array();
    }

    private static Stream idle(String name, int remoteId) {
        return new Stream(
                name, remoteId, new FrameReader(new ByteArrayInputStream(new byte[0]), 1 << 16), sink(), null);
    }

    private static FrameWriter sink() {
        return new FrameWriter(OutputStream.nullOutputStream());
    }
}
