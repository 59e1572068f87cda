package io.econtext.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.econtext.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The log records a context forwarded to the master (its SLF4J logging, which the master logs under
 * {@code econtext.ctx.NAME} at the master's level for that logger), collected for assertions. Needs logback as the
 * SLF4J binding of the test JVM (an optional dependency of the testkit).
 *
 * <pre>{@code
 * try (ContextLogs logs = ContextLogs.of(ctx)) {
 *     ctx.call(Worker::run);                                   // logs "done 3 items" at INFO in the child
 *     assertThat(logs).hasRecord("INFO", "done 3 items");      // EcontextAssertions; waits for it
 * }
 * }</pre>
 *
 * <p>Threads: records arrive on the master's threads; reading is safe from any thread.
 */
public final class ContextLogs implements AutoCloseable {
    /** One forwarded record: its level, the child's logger name and the message. */
    public record Record(String level, String logger, String message) {
        @Override
        public String toString() {
            return level + " [" + logger + "] " + message;
        }
    }

    private final Logger logger;
    private final Collector collector = new Collector();

    private ContextLogs(Logger logger) {
        this.logger = logger;
        collector.start();
        logger.addAppender(collector);
    }

    /** Starts collecting what {@code context} logs from now on. */
    public static ContextLogs of(Context context) {
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!factory.equals("ch.qos.logback.classic.LoggerContext")) {
            throw new IllegalStateException("ContextLogs needs logback as the SLF4J binding of this JVM (found "
                    + factory + "): add ch.qos.logback:logback-classic to the test class path");
        }
        return new ContextLogs((Logger) LoggerFactory.getLogger("econtext.ctx." + context.name()));
    }

    /** The records so far, in order. */
    public List<Record> records() {
        synchronized (collector) {
            return List.copyOf(collector.records);
        }
    }

    /** Waits up to {@code bound} for a record that {@code matches}; true when one came. */
    public boolean await(Predicate<Record> matches, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (collector) {
            while (true) {
                for (Record r : collector.records) {
                    if (matches.test(r)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                collector.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(collector);
        collector.stop();
    }

    private static final class Collector extends AppenderBase<ILoggingEvent> {
        // guarded by this
        private final List<Record> records = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            String text = e.getFormattedMessage();
            String childLogger = "";
            if (text.startsWith("[")) {
                int close = text.indexOf("] ");
                if (close > 0) {
                    childLogger = text.substring(1, close);
                    text = text.substring(close + 2);
                }
            }
            synchronized (this) {
                records.add(new Record(e.getLevel().toString(), childLogger, text));
                notifyAll();
            }
        }
    }
}
