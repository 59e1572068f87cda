package io.econtext.testkit.assertj;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
import static io.econtext.testkit.assertj.EcontextAssertions.assertThatThrownBy;
import static io.econtext.testkit.assertj.EcontextAssertions.catchThrowableOfType;

import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.RemoteThrowable;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@EcontextTest
class RemoteCallAssertTest {
    private static final RemoteCallException NO_SUCH_FILE = failure("java.nio.file.NoSuchFileException", "/nope");

    @Test
    void matchesWhatARealRemoteCallThrew(@LocalContext Context c) {
        RemoteCallException e =
                catchThrowableOfType(RemoteCallException.class, () -> c.call(() -> Files.size(Path.of("/nope"))));

        assertThat(e).hasRemoteType(NoSuchFileException.class).hasRemoteMessageContaining("/nope");
    }

    @Test
    void comparesTheRemoteTypeByExactName() {
        assertThatThrownBy(() -> assertThat(NO_SUCH_FILE).hasRemoteType(IOException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting the call in context 'worker' to have thrown a java.io.IOException but it threw"
                        + " java.nio.file.NoSuchFileException: /nope");
    }

    @Test
    void showsTheRemoteMessageWhenItLacksTheText() {
        assertThatThrownBy(() -> assertThat(NO_SUCH_FILE).hasRemoteMessageContaining("/etc"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting the message of the remote java.nio.file.NoSuchFileException (context 'worker')"
                        + " to contain \"/etc\" but it was \"/nope\"");
    }

    @Test
    void saysSoWhenTheRemoteExceptionHadNoMessage() {
        assertThatThrownBy(() -> assertThat(failure("java.lang.IllegalStateException", null))
                        .hasRemoteMessageContaining("x"))
                .hasMessageEndingWith("to contain \"x\" but it had none");
    }

    @Test
    void failsOnNull() {
        assertThatThrownBy(() -> assertThat((RemoteCallException) null).hasRemoteType(IOException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    private static RemoteCallException failure(String type, String message) {
        return new RemoteCallException("worker", new RemoteThrowable(type, message, new StackTraceElement[0], null));
    }
}
