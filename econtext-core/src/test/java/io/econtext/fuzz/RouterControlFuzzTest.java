package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.internal.router.DeadReason;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Message;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fuzzes what a router does with the frames a child sends it: route announcements and losses (ADD_ROUTE / DEL_ROUTE,
 * pairs of id and parent id / lists of big-endian ids), DEAD answers (a reason code and text), and messages to handles of every policy.
 *
 * <pre>
 *          parent (0)
 *              |
 *        this router (5)        handles: 100 ANY, 101 FROM_ANCESTOR, a reply handle expecting context 7
 *          /          \
 *   child (6)       sibling (7)
 *   fuzzed frames
 * </pre>
 *
 * Input layout: one setup byte (bits 0-2: read chunk 1..128 B; bit 3: a route validator that accepts only ids 8-15,
 * as the master accepts only ids it allocated), then the child's stream.
 *
 * <p>Contract: the child's stream ends (at its end of stream or at a corrupt frame) without the router failing on
 * its input; the child never gains a route to this context, its ancestor or its sibling, and never reaches a handle
 * only ancestors may use.
 */
class RouterControlFuzzTest {
    static {
        Log.install(new Log.Sink() {
            @Override
            public boolean isEnabled(String logger, int level) {
                return false;
            }

            @Override
            public void log(String logger, int level, String message, Throwable error) {}
        });
    }

    @FuzzTest
    void routesOrDropsWhatAChildSends(byte[] input) {
        int setup = input.length > 0 ? input[0] & 0xff : 0;
        Stream parent = idleStream("parent", 0);
        Stream sibling = idleStream("sibling", 7);
        Stream child = new Stream("child", 6, new FrameReader(Trickle.afterHeader(input), 1 << 16), sink(), null);
        RouterCore router = new RouterCore(5, new int[] {0}, parent);
        router.addChild(child);
        router.addChild(sibling);
        if ((setup & 8) != 0) {
            router.setRouteValidator((id, parentId, via) -> id >= 8 && id <= 15);
        }
        AtomicInteger fromAncestorOnly = new AtomicInteger();
        HandleReceiver readsDeadReasons = (m, from) -> {
            if (m.has(Message.FLAG_DEAD)) {
                assertThat(DeadReason.codeOf(m.data)).isNotNull();
                assertThat(DeadReason.textOf(m.data)).isNotNull();
            }
        };
        router.addHandle(100, readsDeadReasons, Policy.ANY);
        router.addHandle(101, (m, from) -> fromAncestorOnly.incrementAndGet(), Policy.FROM_ANCESTOR);
        router.newHandle(readsDeadReasons, Policy.EXPECTED_SOURCE, true, 7);

        try {
            child.runReader(router);

            assertThat(child.closeReason()).doesNotStartWith("reader failed");
            assertThat(router.routeTo(0)).isNull();
            assertThat(router.routeTo(5)).isNull();
            assertThat(router.routeTo(7)).isSameAs(sibling);
            assertThat(fromAncestorOnly).hasValue(0);
        } finally {
            // as a router closes its streams: a stream written to has a writer thread until it is closed (left open,
            // 3,000 runs kept 3,000 threads and their buffers, and fuzzing ran out of heap in 20 s)
            sibling.close("run over");
            parent.close("run over");
        }
    }

    private static Stream idleStream(String name, int remoteId) {
        return new Stream(
                name, remoteId, new FrameReader(new ByteArrayInputStream(new byte[0]), 1 << 16), sink(), null);
    }

    private static FrameWriter sink() {
        return new FrameWriter(OutputStream.nullOutputStream());
    }
}
