package io.econtext.internal.wire;

import java.io.IOException;

/** The bytes on a stream are not a valid frame. The stream is closed with this reason; nothing else is affected. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
