package io.econtext.internal.call;

import io.econtext.CallRefusedException;
import io.econtext.CallTimeoutException;
import io.econtext.CodecException;
import io.econtext.ContextBusyException;
import io.econtext.ContextDisconnectedException;
import io.econtext.EcontextException;
import io.econtext.RemoteCallException;
import io.econtext.RemoteThrowable;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.DeadReason;
import io.econtext.internal.wire.Message;

/** Turns a reply message into the call's value, or into the exception the caller should see. */
final class Replies {
    private Replies() {}

    static Object decode(Message reply, ValueCodec codec, String contextName) {
        if (reply.has(Message.FLAG_DEAD)) {
            String text = DeadReason.textOf(reply.data);
            switch (DeadReason.codeOf(reply.data)) {
                case REFUSED:
                    throw new CallRefusedException(text);
                case BUSY:
                    throw new ContextBusyException(contextName, text);
                case TOO_LARGE:
                    throw new CodecException("the answer of context '" + contextName + "' was refused: " + text
                            + "; raise the call's limit with CallOptions.withMaxValueSize, or return the data in"
                            + " chunks through a Sender");
                case NO_HANDLE:
                    throw new EcontextException("call to context '" + contextName + "' was not delivered: " + text);
                default:
                    throw new ContextDisconnectedException(contextName, text);
            }
        }
        Object value;
        try {
            value = codec.decode(reply.data, 0, reply.data.length);
        } catch (CodecException e) {
            throw new CodecException("cannot decode the answer of context '" + contextName + "': " + e.getMessage(), e);
        }
        if (reply.has(Message.FLAG_ERROR)) {
            if (value instanceof RemoteThrowable) {
                RemoteThrowable remote = (RemoteThrowable) value;
                if (ValueNotCarried.NAME.equals(remote.remoteClassName())) {
                    throw new CodecException("context '" + contextName + "': " + remote.remoteMessage(), remote);
                }
                throw new RemoteCallException(contextName, remote);
            }
            throw new CodecException("context '" + contextName + "' answered with a malformed error");
        }
        return value;
    }

    /** Re-throws {@code t} with the local call site: remote failures are wrapped anew so the stack is the caller's. */
    static RuntimeException atCallSite(Throwable t) {
        if (t instanceof RemoteCallException) {
            RemoteCallException e = (RemoteCallException) t;
            return new RemoteCallException(e.contextName(), e.remote());
        }
        if (t instanceof ContextDisconnectedException) {
            ContextDisconnectedException e = (ContextDisconnectedException) t;
            return new ContextDisconnectedException(e.contextName(), stripPrefix(e.getMessage(), e.contextName()));
        }
        if (t instanceof ContextBusyException) {
            ContextBusyException e = (ContextBusyException) t;
            return new ContextBusyException(e.contextName(), e.reason());
        }
        if (t instanceof CallTimeoutException) {
            CallTimeoutException e = (CallTimeoutException) t;
            return new CallTimeoutException(e.contextName(), e.deadline());
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        return new EcontextException(t.toString(), t);
    }

    private static String stripPrefix(String message, String name) {
        String prefix = "context '" + name + "' disconnected: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
