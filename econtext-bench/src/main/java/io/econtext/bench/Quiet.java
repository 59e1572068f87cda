package io.econtext.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps the library's own logging out of the measurements: without a logging configuration logback logs everything
 * at DEBUG, and a child's log threshold follows the master's, so children would forward their debug records over the
 * very pipes being measured. A level someone configured is left alone.
 */
final class Quiet {
    private Quiet() {}

    static void logging() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : new String[] {"io.econtext", "econtext"}) {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null && logger.isDebugEnabled()) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
