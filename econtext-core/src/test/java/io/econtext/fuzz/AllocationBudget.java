package io.econtext.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bounds what a decoder allocates: fed {@code n} bytes by another JVM, it may allocate what those bytes describe,
 * but not what they merely declare. The JVM counts each thread's allocations (TLAB-accurate), so this measures
 * objects and arrays alike, wherever the decoder makes them.
 *
 * <pre>{@code
 * AllocationBudget.enforce("FrameReader", input.length, 64 * 1024 + 8L * input.length, () -> readAll(input));
 * }</pre>
 *
 * The first run of a code path also loads (and, under Jazzer, instruments) classes on the calling thread, which
 * allocates megabytes: a run over the budget is repeated, and only a repeat over it too is a finding.
 *
 * <p>Threads: runs the decoding on, and measures, the calling thread.
 */
final class AllocationBudget {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One decoding, start to end; deterministic, so that a repeat allocates what the first run did. */
    interface Decoding {
        void run() throws Exception;
    }

    /**
     * Allowed on top of every budget: an exception's stack trace under JUnit and Jazzer (~100 frames), the harness's
     * own stream and lambda.
     */
    static final long SLACK = 64 * 1024;

    private AllocationBudget() {}

    /**
     * Runs {@code decoding} (twice when the first run overran) and propagates what it throws.
     *
     * @throws AssertionError when the repeat allocated more than {@code limit + SLACK} bytes too
     */
    static void enforce(String what, int inputLength, long limit, Decoding decoding) throws Exception {
        if (measure(decoding) <= limit + SLACK) {
            return;
        }
        long repeat = measure(decoding);
        if (repeat > limit + SLACK) {
            throw new AssertionError(what + " allocated " + repeat + " bytes for " + inputLength
                    + " bytes of input (budget " + limit + " bytes)");
        }
    }

    private static long measure(Decoding decoding) throws Exception {
        long start = THREADS.getCurrentThreadAllocatedBytes();
        decoding.run();
        return THREADS.getCurrentThreadAllocatedBytes() - start;
    }
}
