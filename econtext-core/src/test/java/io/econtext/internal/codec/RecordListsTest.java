package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large lists of flat records go through two threads ({@link RecordLists}): the bytes are exactly those of the
 * one-thread path (a {@link LinkedList}, which is never split), the decoded list is equal and charged the same, and
 * every list or payload the split does not expect takes the one-thread path, with its errors.
 */
@Timeout(60)
class RecordListsTest {
    private static final int N = RecordLists.PARALLEL_MIN * 2 + 3;
    private static final boolean SPLITS = Runtime.getRuntime().availableProcessors() > 1;

    record Row(int id, long stamp, String name, double score, Boolean flag, char grade) {}

    record Other(int id) {}

    /** Not flat: a component that may hold any value. */
    record Holder(Object value) {}

    /** The same components as {@link Other}, refusing one id: what a payload naming {@code Other} decodes into. */
    record Strict(int id) {
        Strict {
            if (id == N - 5) {
                throw new IllegalArgumentException("id " + id + " refused");
            }
        }
    }

    /** An accessor that fails for one row. */
    record Failing(int id) {
        @Override
        public int id() {
            if (id == N - 9) {
                throw new IllegalStateException("no id for row " + id);
            }
            return id;
        }
    }

    /** What the accessor of {@link Guarded} and the constructor of {@link GuardedToo} take. */
    static final Object GUARD = new Object();
    /** The thread that holds {@link #GUARD}: its first row waits a while, so that the helper takes its half first. */
    static volatile Thread holder;
    /** How many times a thread other than the holder came to {@link #GUARD}: the helper, blocked. */
    static final AtomicInteger HELPER_BLOCKED = new AtomicInteger();
    /** How many times such a thread got past the lock. */
    static final AtomicInteger HELPER_RELEASED = new AtomicInteger();

    /** An accessor that takes a lock, which the encoding thread may hold. */
    record Guarded(int id) {
        @Override
        public int id() {
            guard(id);
            return id;
        }
    }

    /** A constructor that takes a lock, which the decoding thread may hold; what a payload naming Guarded reads into. */
    record GuardedToo(int id) {
        GuardedToo {
            guard(id);
        }
    }

    private static void guard(int id) {
        Thread h = holder;
        if (h == null) {
            return; // outside the test's critical section
        }
        if (Thread.currentThread() == h) {
            if (id == 0) {
                sleepUninterruptibly(200);
            }
            return;
        }
        HELPER_BLOCKED.incrementAndGet();
        synchronized (GUARD) {
            h.getName(); // the lock is the point
        }
        HELPER_RELEASED.incrementAndGet();
    }

    /**
     * Runs {@code body} holding {@link #GUARD}, then waits until the helper it left blocked got past it: the common
     * pool has one worker on two cores, and the next split must find it free.
     */
    private static <T> T whileHoldingTheGuard(java.util.function.Supplier<T> body) {
        T result;
        synchronized (GUARD) {
            holder = Thread.currentThread();
            try {
                result = body.get();
            } finally {
                holder = null;
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (HELPER_RELEASED.get() < HELPER_BLOCKED.get() && System.nanoTime() < deadline) {
            sleepUninterruptibly(5);
        }
        return result;
    }

    private static void sleepUninterruptibly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final ValueCodec codec = new ValueCodec(hooks(false));

    @Test
    void aSplitListEncodesToTheBytesOfTheOneThreadPathAndDecodesEqual() {
        List<Row> rows = rows(N);
        long before = RecordLists.splitCount();
        byte[] split = codec.encode(new ArrayList<>(rows));
        Object decoded = codec.decode(split, 0, split.length);
        if (SPLITS) {
            assertThat(RecordLists.splitCount() - before)
                    .as("lists split, encoded and decoded")
                    .isEqualTo(2);
        }

        assertThat(split).isEqualTo(codec.encode(new LinkedList<>(rows)));
        assertThat(decoded).isInstanceOf(ArrayList.class).isEqualTo(rows);
    }

    @Test
    void aSplitDecodeChargesWhatTheOneThreadPathCharges() {
        // every row the same charge: one-thread lists of two sizes give the charge of a row; the split list of N must
        // be charged exactly that many
        long small = charged(codec.encode(uniformRows(100)));
        long larger = charged(codec.encode(uniformRows(300)));
        long perRow = (larger - small) / 200;
        long before = RecordLists.splitCount();

        long split = charged(codec.encode(uniformRows(N)));

        if (SPLITS) {
            assertThat(RecordLists.splitCount() - before).isEqualTo(2);
        }
        assertThat(perRow).isPositive();
        assertThat(split).isEqualTo(small + (N - 100) * perRow);
    }

    @Test
    void aListWithAnotherValueInEitherHalfIsWrittenByTheOneThreadPathAndReadEqual() {
        for (Object stranger : new Object[] {new Other(1), 42, "x", null, new Holder(List.of(1))}) {
            for (int at : new int[] {7, N - 7}) {
                List<Object> items = new ArrayList<>(rows(N));
                items.set(at, stranger);
                long before = RecordLists.splitCount();
                byte[] bytes = codec.encode(items);

                assertThat(RecordLists.splitCount() - before)
                        .as("the encoding of a list with " + stranger + " at " + at + " split")
                        .isZero();
                assertThat(bytes).as(stranger + " at " + at).isEqualTo(codec.encode(new LinkedList<>(items)));
                // (a value in the second half that needs no class or reference is decoded by the helper as well)
                assertThat(codec.decode(bytes, 0, bytes.length)).isEqualTo(items);
            }
        }
    }

    @Test
    void recordsThatAreNotFlatAreNotSplit() {
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            holders.add(new Holder(i % 2 == 0 ? "s" + i : List.of(i)));
        }
        long before = RecordLists.splitCount();
        byte[] bytes = codec.encode(holders);

        assertThat(codec.decode(bytes, 0, bytes.length)).isEqualTo(holders);
        assertThat(RecordLists.splitCount() - before).isZero();
    }

    @Test
    void anAccessorThatThrowsInTheHelpersHalfFailsAsOnTheOneThreadPath() {
        List<Failing> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(new Failing(i));
        }
        Throwable oneThread = catchThrowable(() -> codec.encode(new LinkedList<>(rows)));
        Throwable split = catchThrowable(() -> codec.encode(rows));

        assertThat(oneThread).hasMessageContaining("list[" + (N - 9) + "]");
        assertThat(split).isInstanceOf(oneThread.getClass()).hasMessage(oneThread.getMessage());
    }

    @Test
    void aConstructorThatThrowsInTheHelpersHalfFailsAsOnTheOneThreadPath() {
        List<Other> others = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            others.add(new Other(i));
        }
        byte[] bytes = codec.encode(others);
        ValueCodec strict = new ValueCodec(hooks(true));

        assertThatThrownBy(() -> strict.decode(bytes, 0, bytes.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("its constructor threw")
                .hasMessageContaining("id " + (N - 5) + " refused");
    }

    @Test
    void aTruncatedOrCorruptListFailsAsOnTheOneThreadPath() {
        byte[] bytes = codec.encode(rows(N));
        assertThatThrownBy(() -> codec.decode(bytes, 0, bytes.length - 3))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("malformed payload");

        for (int at : new int[] {bytes.length / 4, bytes.length * 3 / 4}) {
            byte[] corrupt = bytes.clone();
            int tag = recordTagAtOrAfter(corrupt, at);
            corrupt[tag] = (byte) 0xEE; // no such tag
            assertThatThrownBy(() -> codec.decode(corrupt, 0, corrupt.length))
                    .as("a bad tag at " + tag)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("0xee");
        }
    }

    @Test
    void aBusyCommonPoolMeansTheCallerDoesBothHalves() throws Exception {
        BusyCommonPool.whileBlocked(() -> {
            List<Row> rows = rows(N);
            long before = RecordLists.splitCount();
            byte[] bytes = codec.encode(new ArrayList<>(rows));
            Object decoded = codec.decode(bytes, 0, bytes.length);

            if (SPLITS) {
                assertThat(RecordLists.splitCount() - before)
                        .as("lists split (the caller did both halves)")
                        .isEqualTo(2);
            }
            assertThat(bytes).isEqualTo(codec.encode(new LinkedList<>(rows)));
            assertThat(decoded).isEqualTo(rows);
        });
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang here ignores interrupts
    void anAccessorOrConstructorThatBlocksOnALockTheCallerHoldsDoesNotHangIt() {
        List<Guarded> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(new Guarded(i));
        }
        ValueCodec guarded = new ValueCodec(hooks(true, Guarded.class, GuardedToo.class));
        List<GuardedToo> expected = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            expected.add(new GuardedToo(i));
        }
        byte[] bytes;
        Object decoded;
        // the helper's half waits for GUARD, which this thread holds until both are done: without a bound on the
        // wait, encoding and decoding hang here (the @Timeout fails the test)
        int blockedBefore = HELPER_BLOCKED.get();
        bytes = whileHoldingTheGuard(() -> codec.encode(rows));
        decoded = whileHoldingTheGuard(() -> guarded.decode(bytes, 0, bytes.length));

        if (SPLITS) {
            assertThat(HELPER_BLOCKED.get() - blockedBefore)
                    .as("times the helper blocked on the lock (once encoding, once decoding)")
                    .isEqualTo(2);
        }
        assertThat(bytes).isEqualTo(codec.encode(new LinkedList<>(rows)));
        assertThat(decoded).isEqualTo(expected);
    }

    private static CodecHooks hooks(boolean strict) {
        return strict ? hooks(true, Other.class, Strict.class) : hooks(false, null, null);
    }

    /** Hooks that resolve the test's classes, {@code from} to {@code to} when {@code swap}. */
    private static CodecHooks hooks(boolean swap, Class<?> from, Class<?> to) {
        return new CodecHooks() {
            @Override
            public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
                if (swap && binaryName.equals(from.getName())) {
                    return to;
                }
                return Class.forName(binaryName, false, RecordListsTest.class.getClassLoader());
            }

            @Override
            public io.econtext.Context context(int id, String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.econtext.Sender<?> sender(int contextId, int handle) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private long charged(byte[] bytes) {
        ValueDecoder decoder =
                new ValueDecoder(new ByteSource(bytes, 1, bytes.length - 1), hooks(false), new LambdaRefCache());
        Object decoded = decoder.read(0);
        assertThat(decoded).asList().hasSizeGreaterThan(0);
        return decoder.charged();
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("nothing thrown");
    }

    /** Rows whose components vary in their wire size: one- to five-byte varints, Latin-1 and CJK names, nulls. */
    private static List<Row> rows(int n) {
        String[] names = {"", "row-", "Zürich-", "東京-", "x".repeat(200)};
        List<Row> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Row(
                    i * (i % 3 == 0 ? -7919 : 13),
                    1_700_000_000_000L + i,
                    i % 11 == 0 ? null : names[i % names.length] + i,
                    i * 0.5,
                    i % 5 == 0 ? null : i % 2 == 0,
                    (char) ('A' + i % 26)));
        }
        return list;
    }

    /** Rows of one wire size and one charge each. */
    private static List<Row> uniformRows(int n) {
        List<Row> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Row(1, 2L, String.format("n%06d", i), 0.5, true, 'A'));
        }
        return list;
    }

    /** The offset of the first record tag at or after {@code at} that starts an element of the encoded list. */
    private static int recordTagAtOrAfter(byte[] bytes, int at) {
        ByteSource in = new ByteSource(bytes, 1, bytes.length - 1);
        assertThat(in.readUnsignedByte()).isEqualTo(Tags.LIST);
        int n = in.readVarInt();
        ValueDecoder skipper = new ValueDecoder(in, hooks(false), new LambdaRefCache());
        for (int i = 0; i < n; i++) {
            if (in.position() >= at) {
                return in.position();
            }
            skipper.read(1);
        }
        throw new AssertionError("no element at or after " + at);
    }
}
