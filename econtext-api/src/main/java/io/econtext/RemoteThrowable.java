package io.econtext;

/**
 * A throwable that was raised in another context, carried home as data (never by Java serialization). Its stack trace
 * is the remote one; {@link #remoteClassName()} names the original type, which need not exist here.
 */
public final class RemoteThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String remoteClassName;
    private final String remoteMessage;

    public RemoteThrowable(String remoteClassName, String remoteMessage, StackTraceElement[] stack, Throwable cause) {
        super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage, cause, true, true);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        setStackTrace(stack);
    }

    /** The stack is the remote one, set by the constructor: capturing the local one would be wasted work. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** Binary name of the remote exception class, e.g. {@code java.io.IOException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** The remote exception's message, or {@code null}. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** True when the remote exception was an instance of {@code type} by name (the class itself is not checked). */
    public boolean is(Class<? extends Throwable> type) {
        return type.getName().equals(remoteClassName);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
