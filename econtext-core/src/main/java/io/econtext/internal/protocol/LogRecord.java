package io.econtext.internal.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * A log record a context forwards to the master (LOG): {@code [context id, level, logger, message or null, throwable
 * or null]}, the level as {@code io.econtext.internal.util.Log}'s numbers. A throwable arrives in the master as a
 * {@link io.econtext.RemoteThrowable}.
 */
public record LogRecord(int contextId, int level, String logger, String message, Throwable error) {
    public Object toWire() {
        return Arrays.asList(Integer.valueOf(contextId), Integer.valueOf(level), logger, message, error);
    }

    /** The record {@code value} holds, or {@code null} when it is anything else. */
    public static LogRecord fromWire(Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() != 5) {
            return null;
        }
        List<?> v = (List<?>) value;
        if (v.get(0) instanceof Integer
                && v.get(1) instanceof Integer
                && v.get(2) instanceof String
                && (v.get(3) == null || v.get(3) instanceof String)
                && (v.get(4) == null || v.get(4) instanceof Throwable)) {
            return new LogRecord(
                    (Integer) v.get(0), (Integer) v.get(1), (String) v.get(2), (String) v.get(3), (Throwable) v.get(4));
        }
        return null;
    }
}
