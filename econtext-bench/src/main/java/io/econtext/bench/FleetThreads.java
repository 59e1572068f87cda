package io.econtext.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The Java threads of this JVM that a fleet's boot added: those started since {@link #now()}, and the JDK's {@code
 * process reaper} threads that were idle then and wait for a process now. The JDK keeps an idle reaper 60 s for the next
 * process, so after a router with a hundred {@code ssh} processes closed, a hundred idle reapers live on: counting the
 * JVM's threads before and after would let them expire into the next fleet's figure, or be reused without showing.
 */
final class FleetThreads {
    private static final String WAIT_FOR_PROCESS = "waitForProcessExit";

    /** Thread id → whether it waited for a process then. */
    private final Map<Long, Boolean> before;

    private FleetThreads(Map<Long, Boolean> before) {
        this.before = before;
    }

    /** The threads now, to compare with later. */
    static FleetThreads now() {
        Map<Long, Boolean> threads = new HashMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> t :
                Thread.getAllStackTraces().entrySet()) {
            threads.put(t.getKey().getId(), waitsForProcess(t.getValue()));
        }
        return new FleetThreads(threads);
    }

    /** The threads alive now that are new since {@link #now()}, or wait for a process now and did not then. */
    long added() {
        long added = 0;
        for (Map.Entry<Thread, StackTraceElement[]> t :
                Thread.getAllStackTraces().entrySet()) {
            Boolean waited = before.get(t.getKey().getId());
            if (waited == null || (!waited && waitsForProcess(t.getValue()))) {
                added++;
            }
        }
        return added;
    }

    private static boolean waitsForProcess(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getMethodName().startsWith(WAIT_FOR_PROCESS)) {
                return true;
            }
        }
        return false;
    }
}
