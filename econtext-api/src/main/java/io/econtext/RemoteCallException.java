package io.econtext;

/**
 * A function called in another context threw. The message names the context and the remote exception; the stack
 * trace of this exception is the local call site, and {@link #getCause()} is the remote exception as a
 * {@link RemoteThrowable} carrying the remote stack.
 *
 * <pre>{@code
 * try {
 *   ctx.call(() -> Files.size(Path.of("/nope")));
 * } catch (RemoteCallException e) {
 *   e.remoteClassName();   // "java.nio.file.NoSuchFileException"
 *   e.remote().getStackTrace(); // where it happened over there
 * }
 * }</pre>
 */
public class RemoteCallException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final String contextName;

    public RemoteCallException(String contextName, RemoteThrowable remote) {
        super("call in context '" + contextName + "' failed: " + remote.getMessage(), remote);
        this.contextName = contextName;
    }

    /** The context the function ran in. */
    public String contextName() {
        return contextName;
    }

    /** The remote exception, with its remote stack trace and causes. */
    public RemoteThrowable remote() {
        return (RemoteThrowable) getCause();
    }

    /** Binary name of the remote exception's class. */
    public String remoteClassName() {
        return remote().remoteClassName();
    }

    /** The remote exception's message, or {@code null}. */
    public String remoteMessage() {
        return remote().remoteMessage();
    }
}
