package io.econtext.internal.child.log;

import io.econtext.internal.child.OutputForwarding;
import io.econtext.internal.util.Log;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that formats on the child and forwards the record to the master. */
final class ForwardingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    ForwardingLogger(String name) {
        this.name = name;
    }

    private boolean enabled(int level) {
        OutputForwarding f = OutputForwarding.get();
        return f != null && f.isEnabled(name, level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Log.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Log.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Log.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Log.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Log.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        OutputForwarding f = OutputForwarding.get();
        if (f == null) {
            return;
        }
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        f.log(name, toLevel(level), message, throwable);
    }

    private static int toLevel(Level level) {
        switch (level) {
            case TRACE:
                return Log.TRACE;
            case DEBUG:
                return Log.DEBUG;
            case INFO:
                return Log.INFO;
            case WARN:
                return Log.WARN;
            default:
                return Log.ERROR;
        }
    }
}
