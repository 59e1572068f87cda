package io.econtext.bench;

import io.econtext.CallOptions;
import io.econtext.Caller;
import io.econtext.ChannelClosedException;
import io.econtext.Receiver;
import io.econtext.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak's traffic, one method per kind of thread that makes it. Each call takes a ticket from the budget, is made
 * to the current child of a slot, and hands its outcome to the ledger; every lane returns once the budget is spent.
 *
 * <pre>
 *   ordered (1 thread per slot)   callAsync, 1 in 16 a blocking call, ≤ 32 outstanding; sequence 1, 2, 3 … per child
 *   unordered (3 threads)         withConcurrent(true) callAsync to random slots, ≤ 64 outstanding per slot; 1 in 8
 *                                 with a 30 s deadline
 *   deadlines (1 thread)          every 10 ms a concurrent call that sleeps past its 20–200 ms deadline
 *   channels (1 thread)           a child streams 100–2,000 values into a receiver here, which checks each one
 * </pre>
 */
final class SoakLanes {
    static final int ORDERED_WINDOW = 32;
    static final int UNORDERED_THREADS = 3;
    static final int UNORDERED_PER_SLOT = 64;
    static final long GENEROUS_DEADLINE_MILLIS = 30_000;
    static final int DEADLINE_PAUSE_MILLIS = 10;
    /** Arguments and results of sleeping calls stay small: they hold a child thread each while they sleep. */
    private static final int DEADLINE_MAX_BYTES = 64 * 1024;

    private static final CallOptions CONCURRENT = CallOptions.DEFAULT.withConcurrent(true);
    private static final CallOptions CONCURRENT_GENEROUS =
            CONCURRENT.withDeadline(Duration.ofMillis(GENEROUS_DEADLINE_MILLIS));

    private final Router router;
    private final List<SoakSlot> slots;
    private final SoakBudget budget;
    private final SoakLedger ledger;
    private final Semaphore[] unorderedPermits;

    SoakLanes(Router router, List<SoakSlot> slots, SoakBudget budget, SoakLedger ledger) {
        this.router = router;
        this.slots = List.copyOf(slots);
        this.budget = budget;
        this.ledger = ledger;
        this.unorderedPermits = new Semaphore[slots.size()];
        for (int i = 0; i < unorderedPermits.length; i++) {
            unorderedPermits[i] = new Semaphore(UNORDERED_PER_SLOT);
        }
    }

    /** Ordered calls to {@code slot}'s child, each checked to run right after the one sent before it. */
    void ordered(SoakSlot slot) throws InterruptedException {
        Random random = ThreadLocalRandom.current();
        Semaphore window = new Semaphore(ORDERED_WINDOW);
        SoakSlot.Instance instance = slot.current();
        while (!budget.over()) {
            if (!instance.context.isAlive()) {
                SoakSlot.Instance next = slot.awaitNewer(instance, 200);
                instance = next != null ? next : instance;
                continue;
            }
            if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long id = budget.take();
            if (id < 0) {
                window.release();
                return;
            }
            SoakRemote.Request r = request(id, instance.sequence.incrementAndGet(), random, 0, SoakBytes.MAX);
            SoakLedger.Call c = ledger.open(id, SoakLedger.Kind.ORDERED, slot, instance, r, 0);
            if (random.nextInt(16) == 0) {
                block(c, instance.context, window);
            } else {
                async(c, instance.context, window);
            }
        }
    }

    /** Concurrent calls to random slots. */
    void unordered() throws InterruptedException {
        Random random = ThreadLocalRandom.current();
        while (!budget.over()) {
            SoakSlot slot = slots.get(random.nextInt(slots.size()));
            SoakSlot.Instance instance = slot.current();
            Semaphore permits = unorderedPermits[slot.index];
            if (!instance.context.isAlive() || !permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long id = budget.take();
            if (id < 0) {
                permits.release();
                return;
            }
            boolean generous = random.nextInt(8) == 0;
            SoakRemote.Request r = request(id, 0, random, 0, SoakBytes.MAX);
            SoakLedger.Call c = ledger.open(
                    id,
                    SoakLedger.Kind.UNORDERED,
                    slot,
                    instance,
                    r,
                    generous ? TimeUnit.MILLISECONDS.toNanos(GENEROUS_DEADLINE_MILLIS) : 0);
            async(c, instance.context.with(generous ? CONCURRENT_GENEROUS : CONCURRENT), permits);
        }
    }

    /** Calls that sleep past their deadline, to every slot: each must fail with a CallTimeoutException. */
    void deadlines() throws InterruptedException {
        Random random = ThreadLocalRandom.current();
        while (!budget.over()) {
            Thread.sleep(DEADLINE_PAUSE_MILLIS);
            SoakSlot slot = slots.get(random.nextInt(slots.size()));
            SoakSlot.Instance instance = slot.current();
            if (!instance.context.isAlive()) {
                continue;
            }
            long id = budget.take();
            if (id < 0) {
                return;
            }
            int deadline = 20 + random.nextInt(181);
            SoakRemote.Request r = request(id, 0, random, 2 * deadline + 50, DEADLINE_MAX_BYTES);
            SoakLedger.Call c = ledger.open(
                    id, SoakLedger.Kind.DEADLINE, slot, instance, r, TimeUnit.MILLISECONDS.toNanos(deadline));
            Caller caller = instance.context.with(CONCURRENT.withDeadline(Duration.ofMillis(deadline)));
            if (random.nextInt(8) == 0) {
                block(c, caller, null);
            } else {
                async(c, caller, null);
            }
        }
    }

    /** Channels from random slots (not the killed one): every value must arrive once, intact and in order. */
    void channels() throws InterruptedException {
        Random random = ThreadLocalRandom.current();
        while (!budget.over()) {
            SoakSlot slot = slots.get(random.nextInt(slots.size()));
            SoakSlot.Instance instance = slot.current();
            if (slot.role == SoakSlot.Role.KILLED || !instance.context.isAlive()) {
                continue;
            }
            long id = budget.take();
            if (id < 0) {
                return;
            }
            int count = 100 + random.nextInt(1901);
            long seed = random.nextLong();
            try (Receiver<SoakRemote.Chunk> receiver = router.newReceiver()) {
                SoakLedger.Call c = ledger.open(id, SoakLedger.Kind.STREAM, slot, instance, null, 0);
                CompletableFuture<Integer> sent;
                try {
                    sent = instance.context
                            .with(CONCURRENT)
                            .callAsync(SoakRemote.stream(receiver.sender(), id, count, seed));
                } catch (RuntimeException e) {
                    ledger.close(c, null, e);
                    continue;
                }
                sent.whenComplete((v, e) -> {
                    if (e == null && v != count) {
                        ledger.problem(ledger.wrong, 1, "stream " + id + " said it sent " + v + " of " + count);
                    }
                    ledger.close(c, v, e);
                });
                int received = receive(receiver, id, count, seed);
                ledger.streams.increment();
                if (received < count && !(slot.role != SoakSlot.Role.STEADY && !instance.context.isAlive())) {
                    ledger.problem(
                            ledger.lost,
                            count - received,
                            "stream " + id + " from " + instance.context.name() + " ended after " + received + " of "
                                    + count + " values");
                }
            }
        }
    }

    /** Takes the values of stream {@code id} until it ends; returns how many arrived in order. */
    private int receive(Receiver<SoakRemote.Chunk> receiver, long id, int count, long seed) {
        Random expected = new Random(seed);
        int next = 0;
        long lastValue = System.nanoTime();
        while (true) {
            Optional<SoakRemote.Chunk> value;
            try {
                value = receiver.poll(Duration.ofMillis(500));
            } catch (ChannelClosedException e) {
                return next;
            }
            if (value.isEmpty()) {
                if (System.nanoTime() - lastValue > SoakLedger.LOST_AFTER_NANOS) {
                    ledger.problem(ledger.lost, count - next, "stream " + id + ": no value for 60 s after " + next);
                    return count; // counted here
                }
                continue;
            }
            lastValue = System.nanoTime();
            SoakRemote.Chunk v = value.get();
            ledger.values.increment();
            if (v.stream() != id) {
                ledger.problem(ledger.wrong, 1, "stream " + id + " got a value of stream " + v.stream());
            } else if (v.index() < next) {
                ledger.problem(ledger.duplicated, 1, "stream " + id + " got value " + v.index() + " again");
            } else if (v.index() > next) {
                ledger.problem(
                        ledger.wrong, 1, "stream " + id + " got value " + v.index() + " when " + next + " was due");
                while (next <= v.index()) {
                    SoakRemote.chunk(id, next++, expected);
                }
            } else {
                SoakRemote.Chunk want = SoakRemote.chunk(id, next++, expected);
                ledger.valueBytes.add(v.data().length);
                if (v.crc() != want.crc()
                        || v.data().length != want.data().length
                        || SoakBytes.crc(v.data()) != want.crc()) {
                    ledger.problem(ledger.wrong, 1, "stream " + id + ": value " + v.index() + " changed");
                }
            }
        }
    }

    private static SoakRemote.Request request(long id, long sequence, Random random, int sleepMillis, int max) {
        int size = Math.min(max, SoakBytes.size(random));
        int reply = Math.min(max, SoakBytes.size(random));
        return new SoakRemote.Request(id, sequence, SoakBytes.filled(size, id), reply, sleepMillis);
    }

    /** A blocking {@code call}; releases {@code permit} (when given) once it returned or threw. */
    private void block(SoakLedger.Call c, Caller caller, Semaphore permit) {
        Object value = null;
        Throwable error = null;
        c.blocking = true;
        try {
            value = caller.call(fn(c));
        } catch (RuntimeException e) {
            error = e;
        }
        ledger.close(c, value, error);
        if (permit != null) {
            permit.release();
        }
    }

    /** A {@code callAsync}; releases {@code permit} (when given) once its future completed. */
    private void async(SoakLedger.Call c, Caller caller, Semaphore permit) {
        CompletableFuture<SoakRemote.Answer> f;
        try {
            f = caller.callAsync(fn(c));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            ledger.close(c, v, e);
            if (permit != null) {
                permit.release();
            }
        });
    }

    private static io.econtext.RemoteCallable<SoakRemote.Answer> fn(SoakLedger.Call c) {
        return c.kind == SoakLedger.Kind.ORDERED ? SoakRemote.ordered(c.request) : SoakRemote.unordered(c.request);
    }
}
