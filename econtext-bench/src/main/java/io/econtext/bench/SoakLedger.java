package io.econtext.bench;

import io.econtext.CallTimeoutException;
import io.econtext.ContextDisconnectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call of the soak from the moment it is made to its outcome, and the counts the report is made of. A call's
 * outcome is checked against what it must be: its answer against its request (id, order, lengths, checksums), its
 * failure against what the chaos did to its context. A call with no outcome within {@link #LOST_AFTER_NANOS} (plus
 * its deadline) is counted lost by {@link #declareLost}, which a watchdog calls every second.
 *
 * <p>Threads: any; outcomes arrive on the callers' threads and on the router's completion threads.
 */
final class SoakLedger {
    /** The generous bound after which a call that neither answered nor failed is lost. */
    static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final int EXAMPLES = 8;

    /** What a call is, which decides what its outcome must be. */
    enum Kind {
        /** In order with the other ordered calls to its child; answers which ordered call ran before it. */
        ORDERED,
        /** Concurrent with anything; answers. */
        UNORDERED,
        /** Sleeps past its deadline: must fail with {@link CallTimeoutException}. */
        DEADLINE,
        /** Produces a channel; answers how many values it sent. */
        STREAM
    }

    /** One call that was made. */
    static final class Call {
        final long id;
        final Kind kind;
        final SoakSlot slot;
        final SoakSlot.Instance instance;
        final SoakRemote.Request request;
        final int payloadCrc;
        final long madeNanos = System.nanoTime();
        final long boundNanos;
        final AtomicInteger outcomes = new AtomicInteger();
        volatile boolean lost;
        /** Made with {@code call} (else {@code callAsync}). */
        volatile boolean blocking;

        Call(long id, Kind kind, SoakSlot slot, SoakSlot.Instance instance, SoakRemote.Request request, long deadline) {
            this.id = id;
            this.kind = kind;
            this.slot = slot;
            this.instance = instance;
            this.request = request;
            this.payloadCrc = request == null ? 0 : SoakBytes.crc(request.payload());
            this.boundNanos = LOST_AFTER_NANOS + deadline;
        }
    }

    private final Map<Long, Call> outstanding = new ConcurrentHashMap<>();
    private final List<String> examples = new ArrayList<>();
    /** For each call that timed out: how long after its deadline the caller learned it. */
    private final List<Long> timeoutLateness = new ArrayList<>();

    final LongAdder made = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    /** Disconnects of the stopped context (a heartbeat that gave up on it): expected, but worth a note. */
    final LongAdder stoppedDisconnects = new LongAdder();

    final LongAdder lost = new LongAdder();
    /** Calls counted lost that had an outcome after all, later than the bound. */
    final LongAdder lateAfterLost = new LongAdder();

    final LongAdder duplicated = new LongAdder();
    final LongAdder wrong = new LongAdder();
    final LongAdder unexpected = new LongAdder();

    final LongAdder streams = new LongAdder();
    final LongAdder values = new LongAdder();
    final LongAdder valueBytes = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder bytesIn = new LongAdder();

    /** Records a call about to be made; {@code request} is {@code null} for a {@link Kind#STREAM}. */
    Call open(
            long id, Kind kind, SoakSlot slot, SoakSlot.Instance instance, SoakRemote.Request request, long deadline) {
        Call c = new Call(id, kind, slot, instance, request, deadline);
        outstanding.put(id, c);
        made.increment();
        if (request != null) {
            bytesOut.add(request.payload().length);
        }
        return c;
    }

    /** The outcome of {@code call}: {@code value} when it answered, else {@code error}. */
    void close(Call call, Object value, Throwable error) {
        if (call.outcomes.incrementAndGet() > 1 || outstanding.remove(call.id) == null) {
            problem(duplicated, call, "had a second outcome: " + (error != null ? error : "an answer"));
            return;
        }
        if (call.lost) {
            lateAfterLost.increment();
            example(call, "had its outcome only after " + Stats.seconds(System.nanoTime() - call.madeNanos));
        }
        if (error != null) {
            failed(call, unwrap(error));
        } else if (call.kind == Kind.DEADLINE) {
            problem(
                    wrong,
                    call,
                    "answered " + (call.blocking ? "(call)" : "(callAsync)") + " after "
                            + Stats.millis(System.nanoTime() - call.madeNanos) + " although it slept past its "
                            + Stats.millis(call.boundNanos - LOST_AFTER_NANOS) + " deadline");
        } else if (call.kind == Kind.STREAM) {
            answered.increment();
        } else {
            check(call, (SoakRemote.Answer) value);
        }
    }

    /** A problem that is not one call's outcome (a channel's values, the chaos, a soak thread); kept as an example. */
    void problem(LongAdder counter, long delta, String what) {
        counter.add(delta);
        example(null, what);
    }

    /** Counts every call older than its bound as lost (once); returns how many calls are still outstanding. */
    int declareLost() {
        long now = System.nanoTime();
        for (Call c : outstanding.values()) {
            if (!c.lost && now - c.madeNanos > c.boundNanos) {
                c.lost = true;
                problem(lost, c, "neither answered nor failed within " + Stats.seconds(c.boundNanos));
            }
        }
        return outstanding.size();
    }

    /** Calls made and not yet answered or failed (counted lost or not). */
    int outstanding() {
        return outstanding.size();
    }

    /** Outstanding calls not yet counted lost. */
    int pending() {
        int n = 0;
        for (Call c : outstanding.values()) {
            if (!c.lost) {
                n++;
            }
        }
        return n;
    }

    long outcomes() {
        return answered.sum() + timeouts.sum() + disconnects.sum() + unexpected.sum() + wrong.sum();
    }

    /** How late after their deadline the timed-out calls failed, in nanoseconds. */
    synchronized long[] timeoutLateness() {
        return timeoutLateness.stream().mapToLong(Long::longValue).toArray();
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    private void check(Call call, SoakRemote.Answer a) {
        SoakRemote.Request r = call.request;
        String bad = null;
        if (a == null) {
            bad = "answered null";
        } else if (a.id() != r.id()) {
            bad = "got the answer of call " + a.id();
        } else if (a.sequence() != r.sequence()) {
            bad = "got sequence number " + a.sequence() + " back instead of " + r.sequence();
        } else if (call.kind == Kind.ORDERED && a.previous() != r.sequence() - 1) {
            bad = "ran after ordered call " + a.previous() + " (expected: " + (r.sequence() - 1) + ")";
        } else if (a.payloadLength() != r.payload().length || a.payloadCrc() != call.payloadCrc) {
            bad = "argument arrived as " + a.payloadLength() + " bytes, crc " + a.payloadCrc() + " (sent: "
                    + r.payload().length + " bytes, crc " + call.payloadCrc + ")";
        } else if (a.reply() == null || a.reply().length != r.replySize()) {
            bad = "result of " + (a.reply() == null ? "null" : a.reply().length) + " bytes (expected: " + r.replySize()
                    + ")";
        } else if (SoakBytes.crc(a.reply()) != a.replyCrc()) {
            bad = "result's crc changed on the way";
        } else if (a.reply().length >= 8 && SoakBytes.stamp(a.reply()) != r.id()) {
            bad = "result made for call " + SoakBytes.stamp(a.reply());
        }
        if (bad != null) {
            problem(wrong, call, bad);
            return;
        }
        if (a.repeated()) {
            call.instance.flaggedRepeats.incrementAndGet();
            problem(duplicated, call, "ran twice in its child");
        }
        bytesIn.add(a.reply().length);
        answered.increment();
    }

    private void failed(Call call, Throwable e) {
        if (e instanceof CallTimeoutException) {
            if (call.kind == Kind.DEADLINE) {
                timeouts.increment();
                long late = System.nanoTime() - call.madeNanos - (call.boundNanos - LOST_AFTER_NANOS);
                synchronized (this) {
                    timeoutLateness.add(late);
                }
            } else {
                problem(unexpected, call, "failed: " + e);
            }
        } else if (e instanceof ContextDisconnectedException) {
            if (call.slot.role == SoakSlot.Role.KILLED) {
                disconnects.increment();
            } else if (call.slot.role == SoakSlot.Role.STOPPED) {
                disconnects.increment();
                stoppedDisconnects.increment();
            } else {
                problem(unexpected, call, "failed: " + e);
            }
        } else {
            problem(unexpected, call, "failed: " + e);
        }
    }

    private void problem(LongAdder counter, Call call, String what) {
        counter.increment();
        example(call, what);
    }

    private synchronized void example(Call call, String what) {
        if (examples.size() < EXAMPLES) {
            examples.add(
                    call == null
                            ? what
                            : call.kind.name().toLowerCase(java.util.Locale.ROOT) + " call " + call.id + " to "
                                    + call.instance.context.name() + " " + what);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
