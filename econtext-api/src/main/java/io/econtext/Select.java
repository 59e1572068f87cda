package io.econtext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits on several receivers at once, e.g. results streaming from many hosts. Each event says which receiver the value
 * came from and which context sent it, so the consumer keeps no receiver-to-source map.
 *
 * <pre>{@code
 * Select<String> select = Select.of(fromWeb, fromDb);
 * while (!select.isDrained()) {
 *   select.poll(Duration.ofSeconds(1)).ifPresent(e ->
 *       System.out.println(e.senderName() + ": " + e.value()));   // e.value() is a String
 * }
 * }</pre>
 *
 * <p>Receivers are taken from in turn, so a busy one cannot starve the others; a value is never taken from a receiver
 * unless it is returned. One thread at a time may poll a select.
 *
 * @param <T> what the receivers carry (their common supertype)
 */
public final class Select<T> {
    /** The context id an {@link Event} carries when the receiver cannot tell who sent the value. */
    public static final int UNKNOWN_SENDER = -1;

    /**
     * A value, the receiver it came from, and the context that sent it.
     *
     * @param receiver the receiver the value was taken from: one of those the select was made of
     * @param value the value, as the sender sent it ({@code null} when it sent null)
     * @param senderId the id of the context that sent it ({@link Context#id()}; 0 for the master), or {@link
     *     #UNKNOWN_SENDER} when the receiver cannot tell
     * @param senderName that context's name ({@link Context#name()}, {@code master} for the master), or {@code
     *     "unknown"}
     */
    public record Event<T>(Receiver<? extends T> receiver, T value, int senderId, String senderName) {
        /** True when {@code context} sent the value. */
        public boolean isFrom(Context context) {
            return context != null && context.id() == senderId;
        }
    }

    private final List<Receiver<? extends T>> receivers;
    private final Semaphore activity = new Semaphore(0);
    private int next;

    private Select(List<Receiver<? extends T>> receivers) {
        this.receivers = receivers;
        for (Receiver<? extends T> r : receivers) {
            r.onActivity(activity::release);
        }
    }

    /** A select over {@code receivers}; the events' type is their common supertype. */
    @SafeVarargs
    public static <T> Select<T> of(Receiver<? extends T>... receivers) {
        return of(List.of(receivers));
    }

    /** A select over {@code receivers}, polled in list order, in turn. */
    public static <T> Select<T> of(List<? extends Receiver<? extends T>> receivers) {
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("receivers : none (expected: at least one)");
        }
        for (Receiver<? extends T> r : receivers) {
            if (r == null) {
                throw new IllegalArgumentException("receivers : a null receiver (expected: receivers to wait on)");
            }
        }
        return new Select<T>(new ArrayList<Receiver<? extends T>>(receivers));
    }

    /** True when every receiver has ended and been drained. */
    public boolean isDrained() {
        for (Receiver<? extends T> r : receivers) {
            if (!r.isDrained()) {
                return false;
            }
        }
        return true;
    }

    /** The next value from any receiver, or empty after {@code timeout} (or when all are drained). */
    public Optional<Event<T>> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            activity.drainPermits();
            boolean anyOpen = false;
            for (int i = 0; i < receivers.size(); i++) {
                Receiver<? extends T> r = receivers.get((next + i) % receivers.size());
                if (r.isDrained()) {
                    continue;
                }
                anyOpen = true;
                Optional<? extends Event<? extends T>> e;
                try {
                    e = r.pollEvent(Duration.ZERO);
                } catch (ChannelClosedException closed) {
                    continue;
                }
                if (e.isPresent()) {
                    next = (next + i + 1) % receivers.size();
                    Event<? extends T> got = e.get();
                    return Optional.of(new Event<T>(r, got.value(), got.senderId(), got.senderName()));
                }
            }
            long left = deadline - System.nanoTime();
            if (!anyOpen || left <= 0) {
                return Optional.empty();
            }
            try {
                activity.tryAcquire(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EcontextException("interrupted while waiting on a select", e);
            }
        }
    }
}
