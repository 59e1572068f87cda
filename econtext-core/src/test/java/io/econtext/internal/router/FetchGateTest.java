package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A child stream holds at most {@link FetchGate#MAX_IN_FLIGHT} unanswered class requests; its reader waits for more. */
@Timeout(10)
class FetchGateTest {
    private final FetchGate gate = new FetchGate();
    private final Stream flooding = stream("flooding", 1);
    private final Stream other = stream("other", 2);

    @Test
    void theReaderOfAStreamWithTooManyUnansweredRequestsWaitsUntilOneIsAnswered() throws Exception {
        for (int i = 0; i < FetchGate.MAX_IN_FLIGHT; i++) {
            gate.acquire(flooding);
        }
        CountDownLatch delivered = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                gate.acquire(flooding);
                delivered.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();

        assertThat(delivered.await(300, TimeUnit.MILLISECONDS))
                .as("request " + (FetchGate.MAX_IN_FLIGHT + 1) + " delivered while 64 were unanswered")
                .isFalse();
        gate.release(flooding);
        assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
        reader.join();
    }

    @Test
    void anotherStreamIsNotHeldUpByAFloodingOne() throws Exception {
        for (int i = 0; i < FetchGate.MAX_IN_FLIGHT; i++) {
            gate.acquire(flooding);
        }

        gate.acquire(other);

        assertThat(gate.available(flooding)).isZero();
        assertThat(gate.available(other)).isEqualTo(FetchGate.MAX_IN_FLIGHT - 1);
    }

    private static Stream stream(String name, int remoteId) {
        return new Stream(
                name,
                remoteId,
                new FrameReader(new ByteArrayInputStream(new byte[0]), 1 << 16),
                new FrameWriter(OutputStream.nullOutputStream()),
                null);
    }
}
