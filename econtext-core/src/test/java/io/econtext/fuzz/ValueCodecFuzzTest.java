package io.econtext.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.CodecException;
import io.econtext.internal.codec.ValueCodec;

/**
 * Fuzzes {@link ValueCodec#decode}: call arguments, results, errors, channel values, logs and output that another
 * context sends. The input is one payload (version byte, then one value in the layout of {@code Tags}).
 *
 * <p>Contract: a value, or a {@link CodecException} naming what was wrong; never another exception, never deeper
 * recursion than {@link ValueCodec#MAX_DEPTH} allows, and no more memory than {@link #ALLOCATION_PER_BYTE} per
 * payload byte.
 */
class ValueCodecFuzzTest {
    /**
     * What one payload byte may decode into. Today's decoder lets each 2-byte element become an object with its slot in
     * a growing container (issue 11, §5: 16.7 M empty lists in a 32 MiB frame took 597 MiB): tighten this once the
     * decoder has a budget of its own.
     */
    static final long ALLOCATION_PER_BYTE = 64;

    private static final ValueCodec CODEC = new ValueCodec(Samples.HOOKS);

    @FuzzTest
    void decodesAValueOrFailsWithCodecException(byte[] payload) throws Exception {
        AllocationBudget.enforce("ValueCodec.decode", payload.length, ALLOCATION_PER_BYTE * payload.length, () -> {
            try {
                CODEC.decode(payload, 0, payload.length);
            } catch (CodecException expected) {
                // malformed, too deep, too large for its bytes, or naming a class that is not here
            }
        });
    }
}
