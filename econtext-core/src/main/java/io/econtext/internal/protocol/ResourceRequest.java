package io.econtext.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A request for a resource of the class path (FETCH_RESOURCE): one mode byte, {@link #FIRST} or {@link #ALL}, then the
 * UTF-8 name. Not encoded by the value codec: the server reads it before anything else.
 */
public record ResourceRequest(int mode, String name) {
    /** The first resource of that name ({@code ClassLoader.getResource}). */
    public static final int FIRST = 1;
    /** Every resource of that name ({@code ClassLoader.getResources}). */
    public static final int ALL = 2;

    public byte[] toWire() {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[1 + n.length];
        b[0] = (byte) mode;
        System.arraycopy(n, 0, b, 1, n.length);
        return b;
    }

    /** The request in {@code data}; an empty one asks for the first resource of the empty name. */
    public static ResourceRequest fromWire(byte[] data) {
        int mode = data.length > 0 && data[0] == ALL ? ALL : FIRST;
        int from = Math.min(1, data.length);
        return new ResourceRequest(mode, new String(data, from, data.length - from, StandardCharsets.UTF_8));
    }
}
