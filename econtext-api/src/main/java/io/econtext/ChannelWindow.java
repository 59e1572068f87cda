package io.econtext;

/**
 * How much a {@link Receiver} lets each sending context have in flight: at most {@code values} values and {@code bytes}
 * encoded bytes sent and not yet taken by the consumer. A sender that used its window up waits ({@link Sender#send})
 * until the consumer takes values; the receiver gives the window back in batches, each time the consumer took half of
 * it. So a receiver nobody reads holds at most one window per sending context, whatever the senders do.
 *
 * <pre>{@code
 * Receiver<byte[]> chunks = router.newReceiver(ChannelWindow.of(16, 8 << 20)); // 16 values, 8 MiB
 * }</pre>
 *
 * <p>A single value larger than {@code bytes} still passes, alone: when nothing of the window is in flight. The largest
 * value is bounded by the router's maximum frame size anyway.
 *
 * @param values values in flight per sending context, at least 1
 * @param bytes encoded bytes in flight per sending context, at least 1
 */
public record ChannelWindow(int values, int bytes) {
    /**
     * 1,024 values and 4 MiB per sending context: at most 4 MiB (and the queue's per-value overhead, ~100 bytes a value)
     * held per sender for a consumer that stopped. Measured on 2 cores ({@code econtext bench}, channel row): 1 KiB
     * values as fast as without flow control through 1 and 3 hops (~350k and ~190k values/s), where a window of 64
     * values halved that (a credit message, and its thread hand-offs, every 32 values); 64 KiB values at 60-80% of a
     * {@code cat} pipe through 1 hop, limited by the bytes.
     */
    public static final ChannelWindow DEFAULT = new ChannelWindow(1024, 4 << 20);

    public ChannelWindow {
        if (values < 1) {
            throw new IllegalArgumentException("values : " + values + " (expected: >= 1)");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes : " + bytes + " (expected: >= 1)");
        }
    }

    /** A window of {@code values} values and {@code bytes} bytes. */
    public static ChannelWindow of(int values, int bytes) {
        return new ChannelWindow(values, bytes);
    }
}
