package io.econtext;

import java.time.Duration;

/**
 * What passed between the master and one context, counted by the master since the context booted ({@link
 * Context#stats()}).
 *
 * <pre>{@code
 * ContextStats s = ctx.stats();
 * System.out.printf("%d calls (%d failed), median %d µs; %d classes served (%d bytes)%n",
 *     s.callsMade(), s.callsFailed(), s.roundTripMedian().toNanos() / 1000, s.classesServed(), s.classBytesServed());
 * }</pre>
 *
 * <p>How it is counted: frames and bytes by the master's router, for each frame the master sent to the context or
 * received from it (frames between the context and the contexts below it, or that only pass through it, are not
 * counted; a frame's bytes include its header); calls by the caller, for every call made through the context
 * (including {@code callNoReply}); a call failed when it was answered with an exception or never answered (the
 * context was lost, the deadline passed, the context refused it as busy); classes and resources by the master's class
 * server, for what it served to this context (a class prefetched with another counts as served). The round-trip
 * median is that of the most recent calls that waited for their answer ({@code call}, at most {@value
 * #ROUND_TRIP_SAMPLES}), from the call's start (encoding its arguments) to its answer's arrival; calls made with
 * {@code callAsync} are not sampled (their time is mostly queueing behind one another). Counting takes no lock and
 * allocates nothing per call; the counts are read one by one, so a snapshot taken while calls run is not atomic.
 *
 * @param framesSent frames the master sent to the context
 * @param bytesSent bytes of those frames, headers included
 * @param framesReceived frames the master received from the context
 * @param bytesReceived bytes of those frames, headers included
 * @param callsMade calls made to the context
 * @param callsFailed calls that failed (answered with an exception, or never answered)
 * @param classesServed classes the master served to the context
 * @param classBytesServed bytes of those class files
 * @param resourcesServed resources the master served to the context
 * @param resourceBytesServed bytes of those resources
 * @param roundTripMedian the median round trip of recent calls that waited, or {@link Duration#ZERO} before the first
 * @param roundTripSamples how many round trips the median is taken over
 */
public record ContextStats(
        long framesSent,
        long bytesSent,
        long framesReceived,
        long bytesReceived,
        long callsMade,
        long callsFailed,
        long classesServed,
        long classBytesServed,
        long resourcesServed,
        long resourceBytesServed,
        Duration roundTripMedian,
        int roundTripSamples) {
    /** How many recent round trips the median is taken over, at most. */
    public static final int ROUND_TRIP_SAMPLES = 256;

    /** Nothing counted (a context that keeps no counts, e.g. a test stub). */
    public static final ContextStats NONE = new ContextStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0);
}
