package io.econtext.internal.call;

import io.econtext.ContextStats;
import io.econtext.internal.wire.Frames;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts behind {@link io.econtext.Context#stats()} for one context: bumped by the master's router (frames), the
 * context's callers (calls, round trips), its pending calls (failures) and the class server (classes, resources).
 *
 * <p>Round trips go to a ring of the last {@link ContextStats#ROUND_TRIP_SAMPLES}: one array store and one plain
 * index bump per sample, no lock, no allocation. Concurrent callers may overwrite one another's slot, or lose an
 * index bump: a sample lost now and then does not move a median. The median is computed when asked, on a copy.
 *
 * <p>Threads: any; the counters are {@link LongAdder}s, which several threads (callers of the same context, the
 * router's readers) bump without contending for one cache line.
 */
public final class ContextCounters {
    private static final int RING = ContextStats.ROUND_TRIP_SAMPLES;

    private final LongAdder framesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder callsMade = new LongAdder();
    private final LongAdder callsFailed = new LongAdder();
    private final LongAdder classesServed = new LongAdder();
    private final LongAdder classBytesServed = new LongAdder();
    private final LongAdder resourcesServed = new LongAdder();
    private final LongAdder resourceBytesServed = new LongAdder();
    private final long[] roundTrips = new long[RING];
    /** Samples taken so far (the next slot is this modulo the ring's size); racy by design, see above. */
    private long samples;

    /** A frame of {@code dataBytes} (plus its header) went to the context. */
    public void sent(int dataBytes) {
        framesSent.increment();
        bytesSent.add(Frames.HEADER_SIZE + dataBytes);
    }

    /** A frame of {@code dataBytes} (plus its header) came from the context. */
    public void received(int dataBytes) {
        framesReceived.increment();
        bytesReceived.add(Frames.HEADER_SIZE + dataBytes);
    }

    void callMade() {
        callsMade.increment();
    }

    void callFailed() {
        callsFailed.increment();
    }

    /** A call that waited was answered {@code nanos} after it started. */
    void roundTrip(long nanos) {
        long i = samples;
        roundTrips[(int) i & (RING - 1)] = nanos;
        samples = i + 1;
    }

    /** The class server sent {@code classes} class files of {@code bytes} in all. */
    public void classesServed(int classes, long bytes) {
        classesServed.add(classes);
        classBytesServed.add(bytes);
    }

    /** The class server sent {@code resources} resources of {@code bytes} in all. */
    public void resourcesServed(int resources, long bytes) {
        resourcesServed.add(resources);
        resourceBytesServed.add(bytes);
    }

    /** The counts now, and the median of the round trips in the ring. */
    public ContextStats snapshot() {
        int n = (int) Math.min(samples, RING);
        long[] recent = Arrays.copyOf(roundTrips, n);
        Arrays.sort(recent);
        long median = n == 0 ? 0 : n % 2 == 1 ? recent[n / 2] : (recent[n / 2 - 1] + recent[n / 2]) / 2;
        return new ContextStats(
                framesSent.sum(),
                bytesSent.sum(),
                framesReceived.sum(),
                bytesReceived.sum(),
                callsMade.sum(),
                callsFailed.sum(),
                classesServed.sum(),
                classBytesServed.sum(),
                resourcesServed.sum(),
                resourceBytesServed.sum(),
                Duration.ofNanos(median),
                n);
    }
}
