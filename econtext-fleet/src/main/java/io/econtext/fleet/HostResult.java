package io.econtext.fleet;

import java.time.Duration;

/**
 * What one host of a fleet answered: a value, or the typed failure that took its place (a connect failure, {@link
 * io.econtext.CallTimeoutException} past the per-host deadline, {@link io.econtext.ContextDisconnectedException} for a
 * host that went away, {@link io.econtext.RemoteCallException} for a function that threw there).
 *
 * @param host the host's name in the fleet
 * @param value the value, {@code null} on failure (or when the function returned null)
 * @param failure the failure, {@code null} on success
 * @param elapsed from the start of the operation to this host's answer
 */
public record HostResult<T>(String host, T value, Throwable failure, Duration elapsed) {
    /** True when the host answered with a value. */
    public boolean succeeded() {
        return failure == null;
    }

    @Override
    public String toString() {
        return host + (failure == null ? ": " + value : ": failed: " + failure) + " (" + elapsed.toMillis() + " ms)";
    }
}
