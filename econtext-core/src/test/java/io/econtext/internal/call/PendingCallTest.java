package io.econtext.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CallTimeoutException;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.wire.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PendingCallTest {
    private final CallClient client = new CallClient(new RouterCore(0, new int[0], null), id -> "ctx-" + id);

    /**
     * The JDK's timer only marks the deadline; the call fails on another thread a moment later. A reply that arrives
     * in that moment (on a loaded machine the failing thread may wait tens of ms to run) must not answer the call: the
     * soak saw calls sleeping past their deadline succeed.
     */
    @Test
    void aReplyAfterTheDeadlineFiredIsDroppedEvenBeforeTheCallFailed() throws Exception {
        PendingCall call = new PendingCall(client, 7, 42);
        CompletableFuture<String> seen = call.thenApply(m -> "answered");
        call.deadline(Duration.ofMinutes(1), TimeUnit.MINUTES.toNanos(1), "ctx-7");

        boolean fired = call.completeExceptionally(new TimeoutException()); // what the JDK's timer does
        boolean answered = call.complete(Message.of(0, 7, 42, 0, 0, new byte[0]));

        assertThat(fired).isTrue();
        assertThat(answered).as("the late reply completed the call").isFalse();
        assertThatThrownBy(() -> seen.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("ctx-7");
    }

    /**
     * A caller that waits with its own timeout ({@code call}) may wake up long after its deadline on a loaded machine;
     * a reply read after the deadline fails the call all the same.
     */
    @Test
    void aReplyReadAfterTheDeadlineFailsTheCallWhateverTheTimers() throws Exception {
        PendingCall call = new PendingCall(client, 7, 44);
        call.expireAfter(Duration.ofMillis(1), TimeUnit.MILLISECONDS.toNanos(1), "ctx-7");
        Thread.sleep(20);

        assertThat(call.complete(Message.of(0, 7, 44, 0, 0, new byte[0]))).isFalse();

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("ctx-7");
    }

    @Test
    void aReplyBeforeTheDeadlineAnswers() throws Exception {
        PendingCall call = new PendingCall(client, 7, 43);
        call.deadline(Duration.ofMinutes(1), TimeUnit.MINUTES.toNanos(1), "ctx-7");

        assertThat(call.complete(Message.of(0, 7, 43, 0, 0, new byte[0]))).isTrue();

        assertThat(call.completeExceptionally(new TimeoutException())).isFalse();
        assertThat(call.get(5, TimeUnit.SECONDS).src).isEqualTo(7);
    }
}
