package io.econtext.internal.router;

import io.econtext.internal.util.Log;
import io.econtext.internal.util.Scheduler;
import io.econtext.internal.wire.Message;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The liveness of one context's streams: a periodic check on the context's scheduler (never a thread per stream)
 * that pings a neighbour its stream has read nothing from for the stream's interval, and declares it unresponsive
 * ({@link RouterCore#unresponsive}) once the stream has read nothing for its timeout. Any frame read counts, so a
 * stream that carries traffic costs one clock read per batch of frames (in {@link Stream}) and is never pinged.
 *
 * <pre>
 *  context A (read nothing from B for interval)        context B
 *    HEARTBEAT dst=B src=A replyTo=11  ─────────────►  its reader answers at once (it never blocks):
 *                                      ◄─────────────  HEARTBEAT dst=A src=B replyTo=0
 *  ...read nothing from B for timeout: B is unresponsive, its stream closes, B and the contexts below it are lost
 * </pre>
 *
 * <p>Both ends of a stream run this: a child whose parent went silent for the timeout does what it does when its
 * parent goes away (it exits, ending its own children). A parent that is merely busy still answers, on its readers.
 *
 * <p>Threads: {@link #run} on the scheduler. Pings to children are posted (their writer threads write); a ping to
 * the parent is written directly to the parent's pipe, so it is sent on a scheduler task of its own, at most one at
 * a time: a parent frozen with its pipe full holds that task, not the checks (the child's scheduler runs such a task
 * on a thread of its own).
 * A check that runs much later than due (this JVM was paused: GC, SIGSTOP, swap) declares nobody unresponsive: the
 * readers first get a chance to read what arrived meanwhile.
 */
public final class Heartbeat implements Runnable {
    private static final Log LOG = Log.get(Heartbeat.class);
    private static final long MIN_TICK_NANOS = 5_000_000L;

    private final RouterCore router;
    private final Scheduler scheduler;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final AtomicBoolean parentPingPending = new AtomicBoolean();
    private volatile boolean stopped;
    private long tickNanos;
    private long lastCheck;

    /**
     * @param intervalMillis the router's interval, for streams that set none
     * @param timeoutMillis the router's timeout, for streams that set none
     */
    public Heartbeat(RouterCore router, Scheduler scheduler, long intervalMillis, long timeoutMillis) {
        this.router = router;
        this.scheduler = scheduler;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
    }

    /** Starts the periodic check. */
    public void start() {
        lastCheck = System.nanoTime();
        tickNanos = tick();
        scheduler.schedule(this, tickNanos / 1_000_000L);
    }

    /** Ends the periodic check (the context is closing). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        try {
            long now = System.nanoTime();
            boolean late = now - lastCheck > 2 * tickNanos + 1_000_000_000L;
            if (late) {
                LOG.debug("heartbeat check ran " + (now - lastCheck) / 1_000_000L + " ms after the last one (this JVM"
                        + " was paused?): judging no stream this time");
            }
            lastCheck = now;
            Stream parent = router.parent();
            if (parent != null && !parent.isClosed()) {
                check(parent, now, late);
            }
            List<Stream> children = router.childStreams();
            for (int i = 0; i < children.size(); i++) {
                Stream s = children.get(i);
                if (!s.isClosed()) {
                    check(s, now, late);
                }
            }
            tickNanos = tick();
        } catch (RuntimeException e) {
            LOG.error("heartbeat check failed", e);
        }
        if (!stopped) {
            scheduler.schedule(this, tickNanos / 1_000_000L);
        }
    }

    private void check(Stream s, long now, boolean late) {
        long interval = orDefault(s.heartbeatIntervalNanos(), intervalNanos);
        long timeout = orDefault(s.heartbeatTimeoutNanos(), timeoutNanos);
        long silence = s.silenceNanos(now);
        if (silence >= timeout && !late) {
            router.unresponsive(s, silence);
        } else if (silence >= interval && now - s.lastPing >= interval) {
            s.lastPing = now;
            ping(s);
        }
    }

    private void ping(Stream s) {
        final Message ping = Message.of(s.remoteId(), router.id(), Handles.HEARTBEAT, Handles.HEARTBEAT, 0, null);
        if (s != router.parent()) {
            router.post(ping);
            return;
        }
        if (!parentPingPending.compareAndSet(false, true)) {
            return; // the last one still waits for room in the parent's pipe
        }
        scheduler.execute(new Runnable() {
            @Override
            public void run() {
                try {
                    router.post(ping);
                } finally {
                    parentPingPending.set(false);
                }
            }
        });
    }

    /** Half the shortest interval of any stream: a peer is pinged within 1.5 intervals of silence. */
    private long tick() {
        long shortest = intervalNanos;
        Stream parent = router.parent();
        if (parent != null) {
            shortest = Math.min(shortest, orDefault(parent.heartbeatIntervalNanos(), intervalNanos));
        }
        List<Stream> children = router.childStreams();
        for (int i = 0; i < children.size(); i++) {
            shortest = Math.min(shortest, orDefault(children.get(i).heartbeatIntervalNanos(), intervalNanos));
        }
        return Math.max(MIN_TICK_NANOS, shortest / 2);
    }

    private static long orDefault(long v, long def) {
        return v > 0 ? v : def;
    }
}
