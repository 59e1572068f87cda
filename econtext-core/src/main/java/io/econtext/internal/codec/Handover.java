package io.econtext.internal.codec;

/**
 * A value that must learn which context it is sent to: a channel's sender, whose receiver admits only the contexts it
 * was handed to. The encoder collects the handovers it writes; {@link ValueCodec#encode(Object, int)} tells each one
 * where the payload goes once the whole payload is encoded (a payload that fails to encode hands nothing over).
 */
public interface Handover {
    /** This value was just encoded into a payload bound for context {@code contextId}. On the encoding thread. */
    void handedTo(int contextId);
}
