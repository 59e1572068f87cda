package io.econtext.testkit.contract;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Collects what one logger of the master logs, through a logback {@link ListAppender}. Logback is an optional
 * dependency of the testkit: touch this class only after {@link #available()} said yes.
 */
final class LogCapture implements AutoCloseable {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** True when SLF4J is bound to logback in this JVM. */
    static boolean available() {
        return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT);
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** "LEVEL message" of each event so far. */
    List<String> events() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .collect(Collectors.toList());
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
