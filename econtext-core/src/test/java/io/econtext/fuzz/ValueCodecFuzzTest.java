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
     * What one payload byte may decode into, measured. The decoder's own budget (32 × payload + 1 MiB, charged at its
     * estimates of what it allocates) is the guard in production; this checks, independently, that what it really
     * allocates stays proportional to the input (the worst shape seen, nested one-element sets and maps, was 44×).
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
