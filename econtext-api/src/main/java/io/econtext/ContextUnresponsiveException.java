package io.econtext;

import java.time.Duration;

/**
 * A context stopped answering: nothing was read from it for longer than its heartbeat timeout (a frozen process, a
 * SIGSTOP, a hung host or link), so it was declared unresponsive, its stream was closed and its process ended. Calls
 * pending to it, and to the contexts reached through it, fail with this exception, and {@link Context#isAlive()} reads
 * false.
 *
 * <pre>{@code
 * try {
 *     worker.call(() -> step());
 * } catch (ContextUnresponsiveException e) {
 *     log.warn("{} was silent for {} ms", e.unresponsiveContextName(), e.silence().toMillis());
 * }
 * }</pre>
 *
 * <p>{@link #contextName()} names the context the call was for; {@link #unresponsiveContextName()} the one that went
 * silent: the same context, or an intermediate through which it was reached. See {@code RouterOptions.withHeartbeat}
 * and {@link ConnectionSpec#heartbeatTimeout()} to tune the timeout.
 */
public class ContextUnresponsiveException extends ContextDisconnectedException {
    private static final long serialVersionUID = 1L;
    private final String unresponsiveContextName;
    private final Duration silence;

    public ContextUnresponsiveException(String contextName, String unresponsiveContextName, Duration silence) {
        super(contextName, describe(contextName, unresponsiveContextName, silence));
        this.unresponsiveContextName = unresponsiveContextName;
        this.silence = silence;
    }

    private static String describe(String contextName, String unresponsive, Duration silence) {
        String who = unresponsive.equals(contextName)
                ? "it"
                : "context '" + unresponsive + "', through which it is reached,";
        return who + " was unresponsive: nothing was read from it for " + silence.toMillis()
                + " ms, past its heartbeat timeout (frozen, stopped or cut off?); its stream was closed and its process"
                + " ended. If it was only slow, raise the timeout: RouterOptions.withHeartbeat or the spec's heartbeat";
    }

    /** The context that went silent: {@link #contextName()} itself, or an intermediate on the way to it. */
    public String unresponsiveContextName() {
        return unresponsiveContextName;
    }

    /** How long nothing was read from the unresponsive context when it was declared so. */
    public Duration silence() {
        return silence;
    }
}
