package io.econtext.internal.util;

/**
 * The runtime's own logging, kept free of SLF4J so that a child does not load it at boot. The master routes it to
 * SLF4J; a child forwards it to the master. Until a sink is installed, warnings and errors go to stderr.
 *
 * <p>Threads: any.
 */
public final class Log {
    public static final int TRACE = 0;
    public static final int DEBUG = 1;
    public static final int INFO = 2;
    public static final int WARN = 3;
    public static final int ERROR = 4;
    public static final int OFF = 5;

    /** Where runtime log records go. */
    public interface Sink {
        boolean isEnabled(String logger, int level);

        void log(String logger, int level, String message, Throwable error);
    }

    private static volatile Sink sink = new Sink() {
        @Override
        public boolean isEnabled(String logger, int level) {
            return level >= WARN;
        }

        @Override
        public void log(String logger, int level, String message, Throwable error) {
            System.err.println("econtext " + levelName(level) + " " + logger + ": " + message);
            if (error != null) {
                error.printStackTrace();
            }
        }
    };

    private final String name;

    private Log(String name) {
        this.name = name;
    }

    public static Log get(Class<?> type) {
        return new Log(type.getName());
    }

    public static void install(Sink newSink) {
        sink = newSink;
    }

    public static String levelName(int level) {
        switch (level) {
            case TRACE:
                return "TRACE";
            case DEBUG:
                return "DEBUG";
            case INFO:
                return "INFO";
            case WARN:
                return "WARN";
            case ERROR:
                return "ERROR";
            default:
                return "OFF";
        }
    }

    public boolean isDebugEnabled() {
        return sink.isEnabled(name, DEBUG);
    }

    public void debug(String message) {
        log(DEBUG, message, null);
    }

    public void info(String message) {
        log(INFO, message, null);
    }

    public void warn(String message) {
        log(WARN, message, null);
    }

    public void warn(String message, Throwable error) {
        log(WARN, message, error);
    }

    public void error(String message, Throwable error) {
        log(ERROR, message, error);
    }

    private void log(int level, String message, Throwable error) {
        Sink s = sink;
        if (s.isEnabled(name, level)) {
            s.log(name, level, message, error);
        }
    }
}
