package io.econtext.internal.util;

/**
 * Lets through at most {@link #PER_WINDOW} warnings per {@link #WINDOW_NANOS} and counts the rest, so that a peer who
 * sends what must be refused, as fast as it can, cannot flood the log of the JVM that refuses it: the first warning
 * after a quiet window says how many were left out.
 *
 * <pre>{@code
 * String note = limiter.admit();
 * if (note != null) LOG.warn("refused ..." + note);    // note is "" or " (1234 similar warnings left out)"
 * }</pre>
 *
 * <p>Threads: safe for concurrent use; one lock, taken only on a path that refuses something.
 */
public final class WarningLimiter {
    static final int PER_WINDOW = 10;
    static final long WINDOW_NANOS = 10_000_000_000L;

    private long windowStart = System.nanoTime() - WINDOW_NANOS;
    private int admitted;
    private long leftOut;

    /** The suffix to log with the warning ({@code ""} or a count of those left out), or null to leave it out. */
    public synchronized String admit() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            windowStart = now;
            admitted = 0;
        }
        if (admitted == PER_WINDOW) {
            leftOut++;
            return null;
        }
        admitted++;
        if (leftOut == 0) {
            return "";
        }
        String note = " (" + leftOut + " similar warnings left out before this one)";
        leftOut = 0;
        return note;
    }
}
