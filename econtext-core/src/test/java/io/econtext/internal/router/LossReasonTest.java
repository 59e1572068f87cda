package io.econtext.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DEL_ROUTE's loss reasons: who saw the stream close, and why, carried up unchanged. */
class LossReasonTest {
    @Test
    void carriesTheContextThatSawTheStreamCloseAndWhy() {
        byte[] wire = LossReason.streamClosed(1, "middle", "end of stream").encode(Set.of(2));
        int[][] ids = new int[1][];

        LossReason up = LossReason.decode(wire, ids, "context 1");

        assertThat(ids[0]).containsExactly(2);
        assertThat(up.noticerId()).isEqualTo(1);
        assertThat(up.cause()).isEqualTo("end of stream");
        assertThat(up.text())
                .isEqualTo("context 1 reported them gone: the stream from context 1 to them closed: end of stream");
        assertThat(LossReason.decode(up.encode(Set.of(2)), ids, "context 4").noticerId())
                .as("forwarded up unchanged")
                .isEqualTo(1);
    }

    @Test
    void cutsALongCauseAtACharacterBoundary() {
        String longCause = "é".repeat(LossReason.MAX_CAUSE_BYTES);
        byte[] wire = LossReason.streamClosed(1, "x", longCause).encode(Set.of(2));

        LossReason up = LossReason.decode(wire, new int[1][], "context 1");

        assertThat(up.cause().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LossReason.MAX_CAUSE_BYTES);
        assertThat(up.cause()).matches("é+");
    }

    @Test
    void refusesACauseWhoseLengthDisagreesWithTheData() {
        byte[] wire = LossReason.streamClosed(1, "x", "end of stream").encode(Set.of(2));
        int[][] ids = new int[1][];

        assertThat(LossReason.decode(Arrays.copyOf(wire, wire.length - 1), ids, "c"))
                .isNull();
        assertThat(LossReason.decode(Arrays.copyOf(wire, wire.length + 1), ids, "c"))
                .isNull();
        assertThat(ids[0]).isNull();
        assertThat(LossReason.decode(LossReason.gone("x").encode(Set.of(2)), ids, "context 1")
                        .text())
                .isEqualTo("context 1 reported them gone");
    }
}
