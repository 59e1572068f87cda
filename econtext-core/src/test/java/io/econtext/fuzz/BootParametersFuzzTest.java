package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.CodecException;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.wire.FrameException;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.Message;

/**
 * Fuzzes the child's side of the handshake: the boot parameters frame it reads after its runtime bundle
 * ({@code ChildMain}, then {@code ChildRuntime}): {@code [id, name, [ancestor ids], log level, max frame size]}. Input
 * layout: one setup byte (bits 0-2: read chunk of 1..128 bytes), then the stream.
 *
 * <p>Contract: parameters the runtime can start with (a name, at least one ancestor, a positive frame bound), or a
 * {@link FrameException}, {@link CodecException} or {@link IllegalArgumentException} saying what was wrong.
 */
class BootParametersFuzzTest {
    private static final ValueCodec CODEC = new ValueCodec(Samples.HOOKS);

    @FuzzTest
    void readsUsableParametersOrFailsTyped(byte[] input) throws Exception {
        FrameReader reader = new FrameReader(Trickle.afterHeader(input), 1 << 20);
        try {
            Message params = reader.read();
            if (params == null) {
                return;
            }
            BootRequest request = BootRequest.fromValue(CODEC.decode(params.data, 0, params.data.length));
            assertThat(request.name()).isNotNull();
            assertThat(request.ancestors()).isNotEmpty();
            assertThat(request.maxFrame()).isPositive();
            reader.setMaxFrame(request.maxFrame());
        } catch (FrameException | CodecException | IllegalArgumentException rejected) {
            // the child reports it on stderr and exits before its handshake
        }
    }
}
