package io.econtext.internal.wire;

import java.io.IOException;

/** The bytes on a stream are not a valid frame. The stream is closed with this reason; nothing else is affected. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean truncated;

    public FrameException(String message) {
        this(message, false);
    }

    private FrameException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** The stream ended inside a frame: what a peer killed in the middle of a write leaves, not corrupt input. */
    static FrameException truncated(String message) {
        return new FrameException(message, true);
    }

    /** True when the stream ended inside a frame (see {@link #truncated(String)}). */
    public boolean isTruncated() {
        return truncated;
    }
}
