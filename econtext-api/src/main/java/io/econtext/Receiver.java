package io.econtext;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/**
 * The receiving end of a channel. Values arrive in the order their {@link Sender} sent them; the channel ends when
 * the sender is closed or its context dies.
 *
 * <pre>{@code
 * Receiver<String> lines = router.newReceiver();
 * ctx.callNoReply(() -> Tail.follow(path, lines.sender()));
 * for (String line : lines) { ... }
 * }</pre>
 *
 * <p>Flow control: each sending context may have one {@link ChannelWindow} of values sent and not yet taken (see
 * {@link Router#newReceiver(ChannelWindow)}); its senders wait for more until the consumer takes values ({@link #next},
 * {@link #poll}, the iterator). So a receiver nobody reads holds at most a window per sending context, and a context
 * that sends past its window (a hostile one speaking the wire protocol) is refused: the channel ends with a logged
 * warning. Closing the receiver tells every sender: their sends fail with {@link ChannelClosedException}.
 *
 * <p>Threads: one consumer at a time; values are queued by the router's reader threads without blocking them.
 */
public interface Receiver<T> extends Iterable<T>, AutoCloseable {
    /**
     * A sender that the contexts it is given to (as a call argument or captured value), and the contexts below them,
     * may use to feed this receiver; see {@link Sender} for who else may.
     */
    Sender<T> sender();

    /**
     * Waits up to {@code timeout} for the next value. Empty when the timeout passed; {@link ChannelClosedException}
     * when the channel ended and every value was taken.
     */
    Optional<T> poll(Duration timeout);

    /**
     * Like {@link #poll}, and says which context sent the value: an event whose receiver is this one. Used by {@link
     * Select}. A receiver that cannot tell the sender reports {@link Select#UNKNOWN_SENDER}.
     */
    default Optional<Select.Event<T>> pollEvent(Duration timeout) {
        Optional<T> v = poll(timeout);
        return v.isPresent()
                ? Optional.of(new Select.Event<T>(this, v.get(), Select.UNKNOWN_SENDER, "unknown"))
                : Optional.empty();
    }

    /** Waits for the next value; {@link ChannelClosedException} when the channel ended. */
    T next();

    /** True once the channel ended and every value was taken. */
    boolean isDrained();

    /** Iterates until the channel ends. */
    @Override
    Iterator<T> iterator();

    /**
     * Runs {@code listener} (on a reader thread: it must not block) each time a value arrives or the channel ends.
     * Used by {@link Select}.
     */
    void onActivity(Runnable listener);

    /**
     * Stops receiving; values not taken are dropped, and every sender's waiting or next send fails with {@link
     * ChannelClosedException}.
     */
    @Override
    void close();
}
