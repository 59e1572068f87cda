package io.econtext;

/**
 * How the child JVM's threads are scheduled on a Linux target.
 *
 * <p>A context mostly relays: its threads wake up for a frame, write it on, and block again. Under the kernel's
 * default policy a thread that wakes up preempts the thread that woke it, which is about to block anyway, so every
 * hop of a chain costs two context switches instead of one. Measured on a 2-core VM, round trip to the 3rd hop of a
 * local chain (median): 85-98 µs with {@link #INHERIT}, 68-76 µs with {@link #BATCH}.
 */
public enum CpuScheduling {
    /**
     * {@code SCHED_BATCH} (set with {@code chrt} when the target has it, else silently {@link #INHERIT}): the child's
     * threads get the same share of the CPU at the same nice level, but a thread that wakes up does not preempt the
     * running one; it runs when that one blocks or its time slice ends. The default.
     */
    BATCH,
    /** Whatever the process that starts the child has (usually {@code SCHED_OTHER}). */
    INHERIT
}
