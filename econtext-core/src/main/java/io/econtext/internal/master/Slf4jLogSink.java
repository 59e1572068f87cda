package io.econtext.internal.master;

import io.econtext.internal.util.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the runtime's own logging to SLF4J on the master. */
final class Slf4jLogSink implements Log.Sink {
    static final Slf4jLogSink INSTANCE = new Slf4jLogSink();

    @Override
    public boolean isEnabled(String logger, int level) {
        return enabled(LoggerFactory.getLogger(logger), level);
    }

    static boolean enabled(Logger l, int level) {
        switch (level) {
            case Log.TRACE:
                return l.isTraceEnabled();
            case Log.DEBUG:
                return l.isDebugEnabled();
            case Log.INFO:
                return l.isInfoEnabled();
            case Log.WARN:
                return l.isWarnEnabled();
            default:
                return l.isErrorEnabled();
        }
    }

    /** The lowest level {@code l} accepts, as a {@link Log} level. */
    static int threshold(Logger l) {
        for (int level = Log.TRACE; level <= Log.ERROR; level++) {
            if (enabled(l, level)) {
                return level;
            }
        }
        return Log.OFF;
    }

    @Override
    public void log(String logger, int level, String message, Throwable error) {
        log(LoggerFactory.getLogger(logger), level, message, error);
    }

    static void log(Logger l, int level, String message, Throwable error) {
        switch (level) {
            case Log.TRACE:
                l.trace(message, error);
                break;
            case Log.DEBUG:
                l.debug(message, error);
                break;
            case Log.INFO:
                l.info(message, error);
                break;
            case Log.WARN:
                l.warn(message, error);
                break;
            default:
                l.error(message, error);
        }
    }
}
