package io.econtext.testkit.assertj;

import io.econtext.testkit.ContextLogs;
import java.time.Duration;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the log records a context forwarded ({@link ContextLogs}); they wait (bounded) for records, which
 * arrive asynchronously.
 *
 * <pre>{@code
 * assertThat(logs).hasRecord("WARN", "retrying").hasNoRecordAtLevel("ERROR");
 * }</pre>
 */
public final class ContextLogsAssert extends AbstractAssert<ContextLogsAssert, ContextLogs> {
    /** How long {@link #hasRecord} waits unless told otherwise. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);

    private Duration bound = DEFAULT_BOUND;

    ContextLogsAssert(ContextLogs actual) {
        super(actual, ContextLogsAssert.class);
    }

    /** Waits up to {@code bound} in the assertions that follow. */
    public ContextLogsAssert within(Duration bound) {
        this.bound = bound;
        return this;
    }

    /** A record at {@code level} (e.g. {@code "INFO"}) whose message contains {@code text} arrives. */
    public ContextLogsAssert hasRecord(String level, String text) {
        isNotNull();
        boolean found;
        try {
            found = actual.await(
                    r -> r.level().equalsIgnoreCase(level) && r.message().contains(text), bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        if (!found) {
            failWithMessage(
                    "expected a %s record containing <%s> within %s ms, but the context logged: %s",
                    level.toUpperCase(java.util.Locale.ROOT), text, bound.toMillis(), actual.records());
        }
        return this;
    }

    /** No record so far is at {@code level}. */
    public ContextLogsAssert hasNoRecordAtLevel(String level) {
        isNotNull();
        for (ContextLogs.Record r : actual.records()) {
            if (r.level().equalsIgnoreCase(level)) {
                failWithMessage("expected no %s record, but the context logged: %s", level, r);
            }
        }
        return this;
    }
}
