package io.econtext.internal.call;

import io.econtext.ContextStats;
import io.econtext.internal.wire.Frames;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counts behind {@link io.econtext.Context#stats()} for one context: bumped by the master's router (frames), the
 * context's callers (calls, round trips), its pending calls (failures) and the class server (classes, resources).
 *
 * <p>The counts live in one array, in blocks 128 bytes apart: what the sending threads bump (frames out, calls) and
 * what the stream's reader bumps (frames in) never share a cache line, so the two cores of a pipelined call do not
 * hand a line back and forth on every frame, as they would with counters allocated side by side. A sender's bump is
 * one atomic add (several threads may call one context), the reader's an ordered store; no lock, no allocation.
 *
 * <p>Round trips go to a ring of the last {@link ContextStats#ROUND_TRIP_SAMPLES}: one atomic index bump and one
 * array store per sample. The median is computed when asked, on a copy (a slot being written meanwhile may be read
 * old or new: either is a recent round trip).
 *
 * <p>Threads: any.
 */
public final class ContextCounters {
    private static final int RING = ContextStats.ROUND_TRIP_SAMPLES;
    /** 16 longs: 128 bytes, two cache lines on x86 (whose adjacent-line prefetch pairs lines), between blocks. */
    private static final int BLOCK = 16;

    private static final int OUT = BLOCK; // bumped by the senders
    private static final int FRAMES_SENT = OUT;
    private static final int BYTES_SENT = OUT + 1;
    private static final int CALLS_MADE = OUT + 2;
    private static final int ROUND_TRIPS = OUT + 3; // samples taken so far: the next slot is this modulo the ring
    private static final int IN = 2 * BLOCK; // bumped by the reader
    private static final int FRAMES_RECEIVED = IN;
    private static final int BYTES_RECEIVED = IN + 1;
    private static final int RARE = 3 * BLOCK; // failures and class serving
    private static final int CALLS_FAILED = RARE;
    private static final int CLASSES_SERVED = RARE + 1;
    private static final int CLASS_BYTES_SERVED = RARE + 2;
    private static final int RESOURCES_SERVED = RARE + 3;
    private static final int RESOURCE_BYTES_SERVED = RARE + 4;

    /** The blocks, each a block away from the array's header and from one another. */
    private final AtomicLongArray counts = new AtomicLongArray(4 * BLOCK + 1);

    private final long[] roundTrips = new long[RING];

    /** A frame of {@code dataBytes} (plus its header) went to the context. */
    public void sent(int dataBytes) {
        counts.getAndIncrement(FRAMES_SENT);
        counts.getAndAdd(BYTES_SENT, Frames.HEADER_SIZE + dataBytes);
    }

    /** A frame of {@code dataBytes} (plus its header) came from the context; its stream's reader only. */
    public void received(int dataBytes) {
        // one writer: frames from a context arrive on one stream, read by one thread at a time (handed over with a
        // happens-before); an ordered store costs the reader no fence, where an atomic add drained its store buffer
        counts.lazySet(FRAMES_RECEIVED, counts.get(FRAMES_RECEIVED) + 1);
        counts.lazySet(BYTES_RECEIVED, counts.get(BYTES_RECEIVED) + Frames.HEADER_SIZE + dataBytes);
    }

    void callMade() {
        counts.getAndIncrement(CALLS_MADE);
    }

    void callFailed() {
        counts.getAndIncrement(CALLS_FAILED);
    }

    /** A call that waited was answered {@code nanos} after it started. */
    void roundTrip(long nanos) {
        roundTrips[(int) counts.getAndIncrement(ROUND_TRIPS) & (RING - 1)] = nanos;
    }

    /** The class server sent {@code classes} class files of {@code bytes} in all. */
    public void classesServed(int classes, long bytes) {
        counts.getAndAdd(CLASSES_SERVED, classes);
        counts.getAndAdd(CLASS_BYTES_SERVED, bytes);
    }

    /** The class server sent {@code resources} resources of {@code bytes} in all. */
    public void resourcesServed(int resources, long bytes) {
        counts.getAndAdd(RESOURCES_SERVED, resources);
        counts.getAndAdd(RESOURCE_BYTES_SERVED, bytes);
    }

    /** The counts now, and the median of the round trips in the ring. */
    public ContextStats snapshot() {
        int n = (int) Math.min(counts.get(ROUND_TRIPS), RING);
        long[] recent = Arrays.copyOf(roundTrips, n);
        Arrays.sort(recent);
        long median = n == 0 ? 0 : n % 2 == 1 ? recent[n / 2] : (recent[n / 2 - 1] + recent[n / 2]) / 2;
        return new ContextStats(
                counts.get(FRAMES_SENT),
                counts.get(BYTES_SENT),
                counts.get(FRAMES_RECEIVED),
                counts.get(BYTES_RECEIVED),
                counts.get(CALLS_MADE),
                counts.get(CALLS_FAILED),
                counts.get(CLASSES_SERVED),
                counts.get(CLASS_BYTES_SERVED),
                counts.get(RESOURCES_SERVED),
                counts.get(RESOURCE_BYTES_SERVED),
                Duration.ofNanos(median),
                n);
    }
}
