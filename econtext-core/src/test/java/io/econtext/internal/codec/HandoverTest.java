package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.Sender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sender learns which context a payload holding it is bound for, and only once the payload is whole. */
class HandoverTest {
    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    @Test
    void tellsEverySenderInsideAValueWhereThePayloadGoes() {
        RecordingSender first = new RecordingSender();
        RecordingSender second = new RecordingSender();

        codec.encode(Arrays.asList("lines", first, Map.of("errors", second)), 7);

        assertThat(first.handedTo).containsExactly(7);
        assertThat(second.handedTo).containsExactly(7);
    }

    @Test
    void handsNothingOverWhenTheValueFailsToEncode() {
        RecordingSender sender = new RecordingSender();

        assertThatThrownBy(() -> codec.encode(Arrays.asList(sender, new Object()), 7))
                .isInstanceOf(CodecException.class);

        assertThat(sender.handedTo).isEmpty();
    }

    @Test
    void handsNothingOverWithoutADestination() {
        RecordingSender sender = new RecordingSender();

        codec.encode(Arrays.asList("a control payload", sender));

        assertThat(sender.handedTo).isEmpty();
    }

    @Test
    void aReusedSinkForgetsTheHandoversOfAValueThatFailed() {
        RecordingSender failed = new RecordingSender();
        ByteSink out = new ByteSink();

        assertThatThrownBy(() -> codec.encode(Arrays.asList(failed, new Object()), out))
                .isInstanceOf(CodecException.class);

        assertThat(out.handovers()).isNullOrEmpty();
        assertThat(out.size()).isZero();
    }

    private static final class RecordingSender implements Sender<Object>, Handover {
        final List<Integer> handedTo = new ArrayList<>();

        @Override
        public void handedTo(int contextId) {
            handedTo.add(contextId);
        }

        @Override
        public void send(Object value) {}

        @Override
        public void close() {}

        @Override
        public int contextId() {
            return 0;
        }

        @Override
        public int handle() {
            return 1234;
        }
    }
}
