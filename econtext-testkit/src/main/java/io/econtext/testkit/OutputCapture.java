package io.econtext.testkit;

import io.econtext.Context;
import io.econtext.ContextOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link ContextOutput} that records every line the contexts print, per context and stream, so that a test can wait
 * for a line and assert on it. Install it in the router's options (the JUnit extension's router has one already:
 * declare an {@code OutputCapture} parameter):
 *
 * <pre>{@code
 * OutputCapture output = new OutputCapture();
 * try (Router router = Econtext.newRouter(RouterOptions.defaults().withOutput(output))) {
 *     Context c = router.connect(Local.spec());
 *     c.callNoReply(() -> System.out.println("hello"));
 *     EcontextAssertions.assertThat(output).hasStdoutLine(c, "hello");   // waits until the line arrived
 * }
 * }</pre>
 *
 * <p>Lines are keyed by the context's {@link Context#name() name}, which is unique within one router. Output arrives
 * asynchronously, after the call that printed it has returned: wait for it with {@link #awaitLine}, never read {@link
 * #lines} right after a call. {@link #forwardingTo(ContextOutput)} also passes each line on, e.g. to the log.
 *
 * <p>Threads: {@link #line} is called on the router's reader threads and never blocks; the other methods may be called
 * on any thread, and {@link #awaitLine} blocks for at most its bound.
 */
public final class OutputCapture implements ContextOutput {
    /** The stream of a context's {@code System.out}. */
    public static final String STDOUT = "stdout";
    /** The stream of a context's {@code System.err} and of the processes it started with inherited stdio. */
    public static final String STDERR = "stderr";

    private final ContextOutput next;
    // guarded by this; keys are "NAME\nSTREAM"
    private final Map<String, List<String>> lines = new HashMap<>();

    /** A capture that only records. */
    public OutputCapture() {
        this(null);
    }

    private OutputCapture(ContextOutput next) {
        this.next = next;
    }

    /** A capture that records each line and then passes it to {@code next}. */
    public static OutputCapture forwardingTo(ContextOutput next) {
        return new OutputCapture(Objects.requireNonNull(next, "next"));
    }

    @Override
    public void line(Context context, String stream, String line) {
        synchronized (this) {
            lines.computeIfAbsent(key(context.name(), stream), k -> new ArrayList<>())
                    .add(line);
            notifyAll();
        }
        if (next != null) {
            next.line(context, stream, line);
        }
    }

    /** The lines {@code context} printed on {@code stream} so far, oldest first; a copy. */
    public synchronized List<String> lines(Context context, String stream) {
        return List.copyOf(lines.getOrDefault(key(context.name(), stream), List.of()));
    }

    /** The lines {@code context} printed on stdout so far. */
    public List<String> stdout(Context context) {
        return lines(context, STDOUT);
    }

    /** The lines {@code context} printed on stderr so far. */
    public List<String> stderr(Context context) {
        return lines(context, STDERR);
    }

    /**
     * Waits up to {@code bound} for {@code context} to print a line on {@code stream} that {@code matches} (lines
     * printed before the call count too); true when one came.
     */
    public boolean awaitLine(Context context, String stream, Predicate<String> matches, Duration bound)
            throws InterruptedException {
        String key = key(context.name(), stream);
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (this) {
            while (true) {
                if (lines.getOrDefault(key, List.of()).stream().anyMatch(matches)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // nanos to millis rounded up, so that a short remainder still waits instead of spinning
                wait((left + 999_999) / 1_000_000);
            }
        }
    }

    /** Forgets every line recorded so far. */
    public synchronized void clear() {
        lines.clear();
    }

    private static String key(String contextName, String stream) {
        return contextName + "\n" + stream;
    }
}
