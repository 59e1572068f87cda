package io.econtext.bench;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.transport.local.LocalSpec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of the soak's contexts, across the child JVMs that fill it in turn: a slot whose context is killed is booted
 * again, and calls go to the newest {@link Instance}.
 *
 * <p>Threads: any; {@link #reboot} is called by one thread at a time (the chaos thread of the slot).
 */
final class SoakSlot {
    /** What the chaos does to a slot. */
    enum Role {
        /** Left alone: every failure but a deadline is unexpected. */
        STEADY,
        /** {@code kill -9}ed and booted again every few seconds: calls in flight fail as disconnected. */
        KILLED,
        /** {@code kill -STOP}ped and {@code kill -CONT}ed: its calls are delayed, or time out by their deadline. */
        STOPPED
    }

    /** One child JVM in the slot. */
    static final class Instance {
        final Context context;
        final int generation;
        /** The ordered calls' sequence numbers: the child checks they reach it in this order. */
        final AtomicLong sequence = new AtomicLong();
        /** How many of its answers said "run before": the child's own count includes them. */
        final AtomicLong flaggedRepeats = new AtomicLong();

        Instance(Context context, int generation) {
            this.context = context;
            this.generation = generation;
        }
    }

    final int index;
    final Role role;
    private final Router router;
    private final LocalSpec spec;
    private volatile Instance current;
    private int generation;

    SoakSlot(int index, Role role, Router router, LocalSpec spec) {
        this.index = index;
        this.role = role;
        this.router = router;
        this.spec = spec;
    }

    /** The name of the slot's contexts ({@code soak-3}, {@code soak-killed}); each boot adds {@code .N}. */
    String name() {
        return switch (role) {
            case STEADY -> "soak-" + index;
            case KILLED -> "soak-killed";
            case STOPPED -> "soak-stopped";
        };
    }

    /** Boots the slot's next child JVM and makes it current; returns it. Throws what the boot threw. */
    Instance reboot() {
        int g;
        synchronized (this) {
            g = ++generation;
        }
        Context c = router.connect(spec.name(name() + "." + g));
        Instance i = new Instance(c, g);
        synchronized (this) {
            current = i;
            notifyAll();
        }
        return i;
    }

    Instance current() {
        return current;
    }

    /**
     * Waits up to {@code timeoutMillis} for an instance newer than {@code old} (after a kill, until the reboot);
     * returns it, or {@code null} when none came in time.
     */
    Instance awaitNewer(Instance old, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (current == old || current.generation <= old.generation) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return current;
        }
    }
}
