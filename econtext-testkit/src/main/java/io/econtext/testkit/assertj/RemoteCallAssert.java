package io.econtext.testkit.assertj;

import io.econtext.RemoteCallException;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link RemoteCallException}, about the exception that was thrown in the other context; get one from
 * {@link EcontextAssertions#assertThat(RemoteCallException)}.
 *
 * <pre>{@code
 * RemoteCallException e = catchThrowableOfType(RemoteCallException.class,
 *         () -> ctx.call(() -> Files.size(Path.of("/nope"))));
 * assertThat(e).hasRemoteType(NoSuchFileException.class).hasRemoteMessageContaining("/nope");
 * }</pre>
 *
 * <p>The remote exception travels as data ({@link io.econtext.RemoteThrowable}): types are compared by binary name,
 * exactly (a subclass thrown over there does not match its superclass here), and need not be loadable here.
 */
public final class RemoteCallAssert extends AbstractAssert<RemoteCallAssert, RemoteCallException> {
    RemoteCallAssert(RemoteCallException actual) {
        super(actual, RemoteCallAssert.class);
    }

    /** The remote exception was of class {@code type} (by name, not a subclass). */
    public RemoteCallAssert hasRemoteType(Class<?> type) {
        isNotNull();
        if (!type.getName().equals(actual.remoteClassName())) {
            failWithMessage(
                    "Expecting the call in context '%s' to have thrown a %s but it threw %s",
                    actual.contextName(), type.getName(), actual.remote());
        }
        return this;
    }

    /** The remote exception's message contains {@code text}. */
    public RemoteCallAssert hasRemoteMessageContaining(String text) {
        isNotNull();
        String message = actual.remoteMessage();
        if (message == null || !message.contains(text)) {
            failWithMessage(
                    "Expecting the message of the remote %s (context '%s') to contain \"%s\" but %s",
                    actual.remoteClassName(),
                    actual.contextName(),
                    text,
                    message == null ? "it had none" : "it was \"" + message + "\"");
        }
        return this;
    }
}
