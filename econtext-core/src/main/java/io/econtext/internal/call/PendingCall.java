package io.econtext.internal.call;

import io.econtext.internal.wire.Message;
import java.util.concurrent.CompletableFuture;

/** A request waiting for its reply message; completed on the reader thread that got the reply. */
public final class PendingCall extends CompletableFuture<Message> {
    final int dst;
    final int replyHandle;

    PendingCall(int dst, int replyHandle) {
        this.dst = dst;
        this.replyHandle = replyHandle;
    }

    public int replyHandle() {
        return replyHandle;
    }
}
