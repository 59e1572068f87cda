package io.econtext.internal.codec;

import io.econtext.Context;
import io.econtext.Sender;

/**
 * What the decoder needs from the router: classes for enums and records, and local handles for the context and sender
 * references a payload carries. Called on the thread that decodes; implementations should not block for long.
 */
public interface CodecHooks {
    /**
     * Hooks for payloads that name no class and carry no references (plain values, as control messages): every class
     * is unknown, and a reference fails.
     */
    CodecHooks NONE = new CodecHooks() {
        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            throw new ClassNotFoundException(binaryName);
        }

        @Override
        public Context context(int id, String name) {
            throw new UnsupportedOperationException("a context reference where none may occur");
        }

        @Override
        public Sender<?> sender(int contextId, int handle) {
            throw new UnsupportedOperationException("a sender reference where none may occur");
        }
    };

    /**
     * The class named {@code binaryName} (e.g. {@code com.acme.Outer$Point}) for an enum or record being decoded. May
     * load the class on demand.
     */
    Class<?> resolveClass(String binaryName) throws ClassNotFoundException;

    /** The local {@link Context} for a decoded reference to context {@code id}. */
    Context context(int id, String name);

    /** The local {@link Sender} for a decoded reference to receiver {@code handle} in context {@code contextId}. */
    Sender<?> sender(int contextId, int handle);

    /**
     * The application's {@link io.econtext.TypeCodec}s in this context: asked once a payload, so an implementation
     * may set them after the codec was made (a child learns them from its boot request, which this codec decodes).
     */
    default TypeCodecs typeCodecs() {
        return TypeCodecs.NONE;
    }
}
