package io.econtext.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the soak does to its contexts while the calls run: {@code kill -9} the killed slot's child and boot it again
 * every {@code killEvery}; {@code kill -STOP} the stopped slot's child for 1–3 s every {@code stopEvery}, then
 * {@code kill -CONT} it (always, even when the soak is interrupted); boot again a child that died unasked.
 *
 * <p>Threads: {@link #killer} and {@link #stopper} each on a thread of their own, {@link #revive} on the watchdog's.
 */
final class SoakChaos {
    /** How long a kill may take to be noticed before it counts as a problem. */
    private static final long NOTICE_BOUND_SECONDS = 10;

    private static final int MIN_STOP_MILLIS = 1_000;
    private static final int MAX_STOP_MILLIS = 3_000;

    private final List<SoakSlot> slots;
    private final SoakBudget budget;
    private final SoakLedger ledger;
    private final long killEveryMillis;
    private final long stopEveryMillis;

    private final List<Long> bootNanos = new ArrayList<>();
    private final List<Long> noticeNanos = new ArrayList<>();
    private final List<Long> stopNanos = new ArrayList<>();
    private int kills;
    private int bootFailures;
    private int unaskedDeaths;

    SoakChaos(List<SoakSlot> slots, SoakBudget budget, SoakLedger ledger, long killEveryMillis, long stopEveryMillis) {
        this.slots = List.copyOf(slots);
        this.budget = budget;
        this.ledger = ledger;
        this.killEveryMillis = killEveryMillis;
        this.stopEveryMillis = stopEveryMillis;
    }

    /** Kills and reboots the killed slot's child until the budget is spent. */
    void killer() throws InterruptedException {
        SoakSlot slot = slot(SoakSlot.Role.KILLED);
        pause(killEveryMillis / 2);
        while (!budget.over()) {
            SoakSlot.Instance victim = slot.current();
            ProcessHandle.of(victim.context.info().pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            long t0 = System.nanoTime();
            try {
                victim.context.onDisconnect().get(NOTICE_BOUND_SECONDS, TimeUnit.SECONDS);
                record(noticeNanos, System.nanoTime() - t0);
            } catch (TimeoutException e) {
                ledger.problem(
                        ledger.unexpected,
                        1,
                        "kill -9 of " + victim.context.name() + " was not noticed within " + NOTICE_BOUND_SECONDS
                                + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                record(noticeNanos, System.nanoTime() - t0);
            }
            synchronized (this) {
                kills++;
            }
            reboot(slot);
            pause(killEveryMillis);
        }
    }

    /** Stops and resumes the stopped slot's child until the budget is spent. */
    void stopper() throws InterruptedException, IOException {
        SoakSlot slot = slot(SoakSlot.Role.STOPPED);
        pause(stopEveryMillis / 3);
        while (!budget.over()) {
            SoakSlot.Instance frozen = slot.current();
            long pid = frozen.context.info().pid();
            int millis = ThreadLocalRandom.current().nextInt(MIN_STOP_MILLIS, MAX_STOP_MILLIS + 1);
            long t0 = System.nanoTime();
            signal("STOP", pid);
            try {
                Thread.sleep(millis);
            } finally {
                signal("CONT", pid);
            }
            record(stopNanos, System.nanoTime() - t0);
            pause(Math.max(0, stopEveryMillis - millis));
        }
    }

    /** Boots again every slot whose child died without being killed here; called every second. */
    void revive() {
        for (SoakSlot slot : slots) {
            if (slot.role != SoakSlot.Role.KILLED && !slot.current().context.isAlive() && !budget.over()) {
                String name = slot.current().context.name();
                if (slot.role == SoakSlot.Role.STEADY) {
                    ledger.problem(ledger.unexpected, 1, "context " + name + " died unasked");
                }
                synchronized (this) {
                    unaskedDeaths++;
                }
                reboot(slot);
            }
        }
    }

    synchronized int kills() {
        return kills;
    }

    synchronized int stops() {
        return stopNanos.size();
    }

    synchronized int bootFailures() {
        return bootFailures;
    }

    synchronized int unaskedDeaths() {
        return unaskedDeaths;
    }

    synchronized long[] bootNanos() {
        return toArray(bootNanos);
    }

    synchronized long[] noticeNanos() {
        return toArray(noticeNanos);
    }

    synchronized long[] stopNanos() {
        return toArray(stopNanos);
    }

    private void reboot(SoakSlot slot) {
        while (!budget.over()) {
            long t0 = System.nanoTime();
            try {
                slot.reboot();
                record(bootNanos, System.nanoTime() - t0);
                return;
            } catch (RuntimeException e) {
                synchronized (this) {
                    bootFailures++;
                }
                ledger.problem(ledger.unexpected, 1, "booting " + slot.name() + " again failed: " + e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private SoakSlot slot(SoakSlot.Role role) {
        for (SoakSlot s : slots) {
            if (s.role == role) {
                return s;
            }
        }
        throw new IllegalStateException("no " + role + " slot");
    }

    /** Sleeps {@code millis}, or less when the budget is spent first. */
    private void pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!budget.over() && System.nanoTime() - end < 0) {
            Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    private synchronized void record(List<Long> list, long nanos) {
        list.add(nanos);
    }

    private static long[] toArray(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("kill -" + signal + " " + pid + " did not return within 10 s");
        }
    }
}
