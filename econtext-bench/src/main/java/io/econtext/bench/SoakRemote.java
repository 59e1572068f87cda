package io.econtext.bench;

import io.econtext.RemoteCallable;
import io.econtext.Sender;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the soak runs in its children, and the values that cross the wire. A child loads this class (with its records
 * and {@link SoakBytes}) and nothing else of the bench; its static state belongs to that child: the last ordered
 * sequence number it ran, and which request ids it ran, so that a request run twice is told apart from one run once.
 */
final class SoakRemote {
    /** The sequence number of the last ordered call this JVM ran; 0 before the first. */
    private static final AtomicLong LAST_ORDERED = new AtomicLong();

    private static final BitSet EXECUTED = new BitSet();
    private static long executions;
    private static long repeats;

    private SoakRemote() {}

    /**
     * One call's argument.
     *
     * @param id unique over the whole soak
     * @param sequence for ordered calls: 1, 2, 3 … per child JVM, in the order sent; else 0
     * @param payload the argument's bytes ({@link SoakBytes#filled} from {@code id})
     * @param replySize how many bytes the answer carries back
     * @param sleepMillis how long the call sleeps before answering (0: not at all)
     */
    record Request(long id, long sequence, byte[] payload, int replySize, int sleepMillis) {}

    /**
     * One call's result: what the child saw of the request, and a reply derived from its id.
     *
     * @param previous for ordered calls, the sequence number of the ordered call the child ran before this one
     * @param repeated the child had already run a request with this id
     */
    record Answer(
            long id,
            long sequence,
            long previous,
            int payloadLength,
            int payloadCrc,
            byte[] reply,
            int replyCrc,
            boolean repeated) {}

    /** One value of a channel: its stream, its place in it, and bytes derived from both. */
    record Chunk(long stream, int index, byte[] data, int crc) {}

    /** An ordered call: its answer says which ordered call ran just before it. */
    static RemoteCallable<Answer> ordered(Request request) {
        return () -> answer(request, LAST_ORDERED.getAndSet(request.sequence()));
    }

    /** A call that may run beside others (or that sleeps {@code request.sleepMillis()} first). */
    static RemoteCallable<Answer> unordered(Request request) {
        return () -> {
            if (request.sleepMillis() > 0) {
                Thread.sleep(request.sleepMillis());
            }
            return answer(request, -1);
        };
    }

    /** Sends {@code count} chunks of random sizes into {@code to}, then closes it; returns {@code count}. */
    static RemoteCallable<Integer> stream(Sender<Chunk> to, long stream, int count, long seed) {
        return () -> {
            Random random = new Random(seed);
            for (int i = 0; i < count; i++) {
                to.send(chunk(stream, i, random));
            }
            to.close();
            return count;
        };
    }

    /** How many requests this JVM ran, and how many of them it had run before. */
    static RemoteCallable<long[]> executions() {
        return () -> {
            synchronized (EXECUTED) {
                return new long[] {executions, repeats};
            }
        };
    }

    /** Chunk {@code index} of a stream whose sizes come from {@code random} (the same seed gives the same chunks). */
    static Chunk chunk(long stream, int index, Random random) {
        int size = random.nextInt(100) < 97 ? random.nextInt(513) : 1024 + random.nextInt(64 * 1024);
        byte[] data = SoakBytes.filled(size, stream * 1_000_003L + index);
        return new Chunk(stream, index, data, SoakBytes.crc(data));
    }

    private static Answer answer(Request request, long previous) {
        boolean repeated;
        synchronized (EXECUTED) {
            int bit = (int) request.id();
            repeated = EXECUTED.get(bit);
            EXECUTED.set(bit);
            executions++;
            if (repeated) {
                repeats++;
            }
        }
        byte[] reply = SoakBytes.filled(request.replySize(), request.id());
        return new Answer(
                request.id(),
                request.sequence(),
                previous,
                request.payload().length,
                SoakBytes.crc(request.payload()),
                reply,
                SoakBytes.crc(reply),
                repeated);
    }
}
