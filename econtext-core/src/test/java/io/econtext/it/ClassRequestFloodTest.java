package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.router.Handles;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An intermediate context serves its descendants' class and resource requests from its cache, asking its parent for
 * what it lacks. A hostile grandchild that floods it with requests for classes nobody has gets them served a bounded
 * number at a time (backpressure on the grandchild's own stream): the intermediate's threads stay bounded, and it and
 * its other children go on.
 */
@Timeout(120)
class ClassRequestFloodTest {
    private static final int REQUESTS = 20_000;

    @Test
    void aGrandchildFloodingItsParentWithClassRequestsGetsThemServedWithBoundedThreads() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context top = router.connect(Local.spec().name("top"));
            Context hostile = router.connect(Local.spec().name("hostile").via(top));
            Context sibling = router.connect(Local.spec().name("sibling").via(top));
            assertThat(sibling.call(() -> "warm")).isEqualTo("warm");
            int threadsBefore = top.call(ClassRequestFloodTest::liveThreads);

            byte[] flood = requestsForMissingClasses(hostile.id(), top.id());
            assertThat(hostile.call(() -> StreamIsolationTest.writeToProtocolStream(flood)))
                    .isEqualTo(flood.length);
            int peak = top.call(ClassRequestFloodTest::peakThreads);

            assertThat(peak - threadsBefore)
                    .as("threads the intermediate added while serving " + REQUESTS + " requests of its child")
                    .isLessThanOrEqualTo(32);
            assertThat(sibling.call(() -> "sibling answers")).isEqualTo("sibling answers");
            assertThat(hostile.call(() -> "hostile answers")).isEqualTo("hostile answers");
            assertThat(top.isAlive()).isTrue();
        }
    }

    /** {@link #REQUESTS} FETCH_CLASS frames, each for another class that does not exist, each wanting an answer. */
    private static byte[] requestsForMissingClasses(int src, int dst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < REQUESTS; i++) {
            byte[] name = ("flood.Missing" + i).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(Frames.encode(Message.of(dst, src, Handles.FETCH_CLASS, 5000 + i, 0, name)));
        }
        return out.toByteArray();
    }

    /** In the intermediate: its live threads. */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** In the intermediate: the most threads it ever had live at once. */
    static int peakThreads() {
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }
}
