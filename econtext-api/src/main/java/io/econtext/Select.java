package io.econtext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits on several receivers at once, e.g. results streaming from many hosts.
 *
 * <pre>{@code
 * Select select = Select.of(r1, r2, r3);
 * while (!select.isDrained()) {
 *   select.poll(Duration.ofSeconds(1)).ifPresent(e -> handle(e.receiver(), e.value()));
 * }
 * }</pre>
 *
 * <p>Receivers are taken from in turn, so a busy one cannot starve the others; a value is never taken from a receiver
 * unless it is returned. One thread at a time may poll a select.
 */
public final class Select {
    /** A value and the receiver it came from. */
    public record Event(Receiver<?> receiver, Object value) {}

    private final List<Receiver<?>> receivers;
    private final Semaphore activity = new Semaphore(0);
    private int next;

    private Select(List<Receiver<?>> receivers) {
        this.receivers = receivers;
        for (Receiver<?> r : receivers) {
            r.onActivity(activity::release);
        }
    }

    public static Select of(Receiver<?>... receivers) {
        if (receivers.length == 0) {
            throw new IllegalArgumentException("receivers : none (expected: at least one)");
        }
        return new Select(new ArrayList<>(List.of(receivers)));
    }

    /** True when every receiver has ended and been drained. */
    public boolean isDrained() {
        for (Receiver<?> r : receivers) {
            if (!r.isDrained()) {
                return false;
            }
        }
        return true;
    }

    /** The next value from any receiver, or empty after {@code timeout} (or when all are drained). */
    public Optional<Event> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            activity.drainPermits();
            boolean anyOpen = false;
            for (int i = 0; i < receivers.size(); i++) {
                Receiver<?> r = receivers.get((next + i) % receivers.size());
                if (r.isDrained()) {
                    continue;
                }
                anyOpen = true;
                Optional<?> v;
                try {
                    v = r.poll(Duration.ZERO);
                } catch (ChannelClosedException e) {
                    continue;
                }
                if (v.isPresent()) {
                    next = (next + i + 1) % receivers.size();
                    return Optional.of(new Event(r, v.get()));
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
