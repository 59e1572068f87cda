package io.econtext.internal.router;

import java.nio.charset.StandardCharsets;

/**
 * Why a router answered with a {@code FLAG_DEAD} message instead of delivering. Wire form: one code byte, then a UTF-8
 * text for people.
 */
public enum DeadReason {
    /** The destination context is gone, or no route leads to it. */
    DISCONNECTED,
    /** The destination's policy refused the sender (e.g. a child calling into its parent). */
    REFUSED,
    /** The destination has no such handle (e.g. a receiver that was closed). */
    NO_HANDLE,
    /** The destination refused this one call: as many calls as it queues already wait (it lives on). */
    BUSY,
    /** The receiver refused a message sent in parts: larger than its limit, or more than it holds at once. */
    TOO_LARGE;

    public byte[] encode(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 1];
        b[0] = (byte) ordinal();
        System.arraycopy(t, 0, b, 1, t.length);
        return b;
    }

    public static DeadReason codeOf(byte[] data) {
        DeadReason[] all = values();
        return data.length > 0 && data[0] >= 0 && data[0] < all.length ? all[data[0]] : DISCONNECTED;
    }

    public static String textOf(byte[] data) {
        return data.length > 1 ? new String(data, 1, data.length - 1, StandardCharsets.UTF_8) : "";
    }
}
