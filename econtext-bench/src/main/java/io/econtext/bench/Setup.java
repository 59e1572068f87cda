package io.econtext.bench;

import io.econtext.transport.local.Local;
import io.econtext.transport.local.LocalSpec;
import java.util.List;

/**
 * What every benchmark shares: the {@code java} to start, the chain that rows 1–4 run over, the iteration scale and the
 * bare baseline JVM.
 *
 * @param java the {@code java} for children and for the baseline
 * @param via one scheme per hop of the chain (only {@code local} so far); never empty
 * @param quick fewer iterations (for tests)
 * @param hello the extracted baseline JVM
 */
record Setup(String java, List<String> via, boolean quick, HelloJvm hello) {
    Setup {
        via = List.copyOf(via);
        if (via.isEmpty()) {
            throw new IllegalArgumentException("via : [] (expected: at least one hop)");
        }
    }

    /** A local child started with {@link #java}. */
    LocalSpec spec() {
        return Local.spec().javaPath(java);
    }

    /** {@code quick} in quick mode, else {@code full}. */
    int scale(int quick, int full) {
        return this.quick ? quick : full;
    }
}
