package io.econtext.internal.wire;

/**
 * One routed message: the unit the router moves between contexts. Immutable; {@code data} is owned by the message
 * once it is built (never modified afterwards).
 */
public final class Message {
    /** The message reports a failure instead of carrying a value: {@code data} is a UTF-8 reason. */
    public static final int FLAG_DEAD = 1;
    /** The payload is an exception encoded by the value codec: the call failed. */
    public static final int FLAG_ERROR = 2;
    /** The channel this message belongs to ends with it. */
    public static final int FLAG_CLOSE = 4;
    /** A call that may run beside other calls instead of in the order sent. */
    public static final int FLAG_CONCURRENT = 8;
    /**
     * One part of a message larger than a frame may be: its data starts with the transfer's prefix (see {@code
     * io.econtext.internal.router.Parts}); the other flags are the whole message's.
     */
    public static final int FLAG_PART = 16;
    /** A part that more parts of the same transfer follow; the last part of a transfer lacks it. */
    public static final int FLAG_MORE = 32;
    /** Every flag a valid frame may carry. */
    static final int KNOWN_FLAGS = FLAG_DEAD | FLAG_ERROR | FLAG_CLOSE | FLAG_CONCURRENT | FLAG_PART | FLAG_MORE;

    static final byte[] EMPTY = new byte[0];

    public final int dst;
    public final int src;
    public final int auth;
    public final int handle;
    public final int replyTo;
    public final int flags;
    public final byte[] data;

    public Message(int dst, int src, int auth, int handle, int replyTo, int flags, byte[] data) {
        this.dst = dst;
        this.src = src;
        this.auth = auth;
        this.handle = handle;
        this.replyTo = replyTo;
        this.flags = flags;
        this.data = data == null ? EMPTY : data;
    }

    /** A message from {@code src} on its own authority. */
    public static Message of(int dst, int src, int handle, int replyTo, int flags, byte[] data) {
        return new Message(dst, src, src, handle, replyTo, flags, data);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Message(dst=" + dst + ", src=" + src + ", auth=" + auth + ", handle=" + handle + ", replyTo=" + replyTo
                + ", flags=" + flags + ", length=" + data.length + ")";
    }
}
