package io.econtext.internal.child;

import io.econtext.ChannelWindow;
import io.econtext.Receiver;
import io.econtext.internal.call.ChannelReceiver;

/**
 * Channels whose receiving end lives in a child: code running in a child makes a receiver here and hands its sender
 * to the master (as a call result), which then sends into the child with the same flow control as the other way.
 * Internal: the public API makes receivers in the master only ({@link io.econtext.Router#newReceiver}).
 *
 * <pre>{@code
 * Sender<String> s = child.call(() -> {
 *     Receiver<String> r = ChildReceivers.newReceiver(ChannelWindow.DEFAULT);
 *     ... // hand r to a thread of the child that consumes it
 *     return r.sender();
 * });
 * }</pre>
 */
public final class ChildReceivers {
    private ChildReceivers() {}

    /** A receiver in the child this runs in. Throws {@link IllegalStateException} outside a child. */
    public static <T> Receiver<T> newReceiver(ChannelWindow window) {
        ChildRuntime r = ChildRuntime.currentOrFail();
        return new ChannelReceiver<T>(r.router(), r.codec(), r.credits(), window, r.names());
    }
}
