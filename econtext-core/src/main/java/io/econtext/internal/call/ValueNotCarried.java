package io.econtext.internal.call;

import io.econtext.CodecException;

/**
 * What a context sends back, as an error reply, when a call it received cannot be decoded or its result cannot be
 * carried back: the caller recognises it by its class name and throws a {@link CodecException} naming the context, as
 * for an argument that cannot be encoded, instead of a {@link io.econtext.RemoteCallException} (which stays for what
 * the function itself threw).
 */
final class ValueNotCarried extends CodecException {
    private static final long serialVersionUID = 1L;

    /** The binary name the caller looks for in an error reply. */
    static final String NAME = ValueNotCarried.class.getName();

    /** @param what e.g. {@code "the result of the call cannot be carried back"} */
    ValueNotCarried(String what, RuntimeException why) {
        super(what + ": " + why.getMessage(), null);
        setStackTrace(why.getStackTrace());
    }
}
