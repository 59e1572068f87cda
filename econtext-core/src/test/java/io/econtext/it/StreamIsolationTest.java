package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad bytes from a child close that child's stream and nothing else. The child writes straight to fd 4, the pipe its
 * runtime speaks the protocol on, bypassing the runtime's framing.
 */
@Timeout(60)
class StreamIsolationTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void garbageOnAChildsProtocolStreamLosesOnlyThatChild() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context corrupt = router.connect(Local.spec().name("corrupt"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            long pid = corrupt.info().pid();
            byte[] garbage = new byte[200];
            Arrays.fill(garbage, (byte) 0x55);

            assertThatThrownBy(() -> corrupt.call(() -> writeToProtocolStream(garbage)))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("corrupt");

            assertTheRestOfTheTreeIsFine(router, corrupt, sibling, pid);
        }
    }

    @Test
    void aFrameAnnouncingMoreThanTheMaximumSizeLosesOnlyThatChild() throws Exception {
        int max = 64 * 1024;
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(max))) {
            Context oversize = router.connect(Local.spec().name("oversize"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            long pid = oversize.info().pid();
            byte[] header = Frames.encode(Message.of(0, oversize.id(), 1000, 0, 0, new byte[0]));
            ByteBuffer.wrap(header).putInt(24, 1 << 20);

            assertThat(oversize.call(() -> new byte[max / 2]))
                    .as("frames under the bound pass")
                    .hasSize(max / 2);
            assertThatThrownBy(() -> oversize.call(() -> writeToProtocolStream(header)))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("maximum frame size " + max);

            assertTheRestOfTheTreeIsFine(router, oversize, sibling, pid);
        }
    }

    @Test
    void anOversizeResultFailsOnlyThatCall() throws Exception {
        int max = 64 * 1024;
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(max))) {
            Context child = router.connect(Local.spec().name("big-result"));

            assertThatThrownBy(() -> child.call(() -> new byte[2 * max]))
                    .isExactlyInstanceOf(CodecException.class)
                    .hasMessageContaining("maximum frame size of " + max);
            assertThat(child.isAlive()).isTrue();
            assertThat(child.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    @Test
    void anOversizeFrameFromAGrandchildLosesOnlyTheGrandchild() throws Exception {
        int max = 64 * 1024;
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(max))) {
            Context intermediate = router.connect(Local.spec().name("intermediate"));
            Context grandchild = router.connect(Local.spec().name("grandchild").via(intermediate));
            long pid = grandchild.info().pid();
            byte[] header = Frames.encode(Message.of(intermediate.id(), grandchild.id(), 1000, 0, 0, new byte[0]));
            ByteBuffer.wrap(header).putInt(24, 1 << 20);

            assertThatThrownBy(() -> grandchild.call(() -> writeToProtocolStream(header)))
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("grandchild");

            assertThat(Eventually.holds(BOUND, () -> !grandchild.isAlive())).isTrue();
            assertThat(Pids.stillRunningAfter(BOUND, pid))
                    .as("the lost grandchild exits")
                    .isEmpty();
            assertThat(intermediate.isAlive())
                    .as("the intermediate survives its child's oversize frame")
                    .isTrue();
            assertThat(intermediate.call(() -> "intermediate fine")).isEqualTo("intermediate fine");
        }
    }

    private static void assertTheRestOfTheTreeIsFine(Router router, Context lost, Context sibling, long lostPid)
            throws InterruptedException {
        assertThat(Eventually.holds(BOUND, () -> !lost.isAlive())).isTrue();
        assertThatThrownBy(() -> lost.call(() -> 1)).isInstanceOf(ContextDisconnectedException.class);
        assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
        assertThat(Pids.stillRunningAfter(BOUND, lostPid))
                .as("the lost child exits")
                .isEmpty();
        Context fresh = router.connect(Local.spec());
        assertThat(fresh.call(() -> "the master boots and calls as before")).contains("as before");
    }

    static int writeToProtocolStream(byte[] bytes) throws Exception {
        try (FileOutputStream out = new FileOutputStream("/dev/fd/4")) {
            out.write(bytes);
        }
        return bytes.length;
    }
}
