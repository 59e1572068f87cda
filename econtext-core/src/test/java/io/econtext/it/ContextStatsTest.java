package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.Context;
import io.econtext.ContextStats;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.internal.wire.Frames;
import io.econtext.transport.local.Local;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Context.stats() counts a known workload on real child JVMs exactly. */
@Timeout(60)
class ContextStatsTest {
    /** No heartbeat ping during a test: every frame counted is one the workload sent. */
    private static RouterOptions quiet() {
        return RouterOptions.defaults().withHeartbeat(Duration.ofSeconds(60), Duration.ofSeconds(120));
    }

    @Test
    void countsCallsFramesAndBytesOfAKnownWorkload() {
        try (Router router = Econtext.newRouter(quiet())) {
            Context c = router.connect(Local.spec().name("counted"));
            c.call(() -> 0); // ships this test's class (and what it prefetches) before the counting starts
            ContextStats before = c.stats();

            for (int i = 0; i < 20; i++) {
                assertThat(c.call(() -> 1)).isEqualTo(1);
            }
            ContextStats after = c.stats();

            assertThat(after.callsMade() - before.callsMade()).isEqualTo(20);
            assertThat(after.callsFailed() - before.callsFailed()).isZero();
            assertThat(after.framesSent() - before.framesSent())
                    .as("one request each")
                    .isEqualTo(20);
            assertThat(after.framesReceived() - before.framesReceived())
                    .as("one answer each")
                    .isEqualTo(20);
            assertThat(after.bytesSent() - before.bytesSent()).isGreaterThan(20L * Frames.HEADER_SIZE);
            assertThat(after.bytesReceived() - before.bytesReceived()).isGreaterThan(20L * Frames.HEADER_SIZE);
            assertThat(after.roundTripSamples()).isEqualTo(21);
            assertThat(after.roundTripMedian()).isPositive().isLessThan(Duration.ofSeconds(5));
            assertThat(after.classesServed() - before.classesServed())
                    .as("nothing new to ship")
                    .isZero();
        }
    }

    @Test
    void countsAFailedCall() {
        try (Router router = Econtext.newRouter(quiet())) {
            Context c = router.connect(Local.spec().name("failing"));
            c.call(() -> 0);
            ContextStats before = c.stats();

            assertThatThrownBy(() -> c.call(() -> {
                        throw new IllegalStateException("planned");
                    }))
                    .isInstanceOf(RemoteCallException.class);
            assertThat(c.call(() -> 2)).isEqualTo(2);
            ContextStats after = c.stats();

            assertThat(after.callsMade() - before.callsMade()).isEqualTo(2);
            assertThat(after.callsFailed() - before.callsFailed()).isEqualTo(1);
        }
    }

    @Test
    void countsAClassAndAResourceServedWithTheirBytes() throws Exception {
        long classBytes;
        long resourceBytes;
        // named by a string only: a class this test names would be prefetched to the child with the test's own class
        Class<?> payload = Class.forName("io.econtext.it.StatsPayload");
        try (InputStream in = getClass().getResourceAsStream("StatsPayload.class");
                InputStream r = getClass().getResourceAsStream("stats-resource.txt")) {
            classBytes = in.readAllBytes().length;
            resourceBytes = r.readAllBytes().length;
        }
        try (Router router = Econtext.newRouter(quiet())) {
            Context c = router.connect(Local.spec().name("served"));
            c.call(() -> 0);
            ContextStats before = c.stats();

            assertThat(c.call(payload, "answer")).isEqualTo(42);
            ContextStats afterClass = c.stats();
            assertThat(c.call(() -> {
                        try (InputStream r = ContextStatsTest.class.getResourceAsStream("stats-resource.txt")) {
                            return r.readAllBytes().length;
                        }
                    }))
                    .isEqualTo((int) resourceBytes);
            ContextStats after = c.stats();

            assertThat(afterClass.classesServed() - before.classesServed()).isEqualTo(1);
            assertThat(afterClass.classBytesServed() - before.classBytesServed())
                    .isEqualTo(classBytes);
            assertThat(after.resourcesServed() - afterClass.resourcesServed()).isEqualTo(1);
            assertThat(after.resourceBytesServed() - afterClass.resourceBytesServed())
                    .isEqualTo(resourceBytes);
            assertThat(after.framesReceived() - afterClass.framesReceived())
                    .as("the call's answer and the resource request")
                    .isEqualTo(2);
        }
    }

    @Test
    void countsTheSecondHopsOwnTrafficNotWhatPassesThroughTheFirst() {
        try (Router router = Econtext.newRouter(quiet())) {
            Context middle = router.connect(Local.spec().name("middle"));
            Context far = router.connect(Local.spec().name("far").via(middle));
            far.call(() -> 0);
            ContextStats middleBefore = middle.stats();
            ContextStats farBefore = far.stats();

            for (int i = 0; i < 10; i++) {
                far.call(() -> 1);
            }

            ContextStats middleAfter = middle.stats();
            ContextStats farAfter = far.stats();
            assertThat(farAfter.callsMade() - farBefore.callsMade()).isEqualTo(10);
            assertThat(farAfter.framesSent() - farBefore.framesSent()).isEqualTo(10);
            assertThat(farAfter.framesReceived() - farBefore.framesReceived()).isEqualTo(10);
            assertThat(middleAfter).isEqualTo(middleBefore);
        }
    }
}
