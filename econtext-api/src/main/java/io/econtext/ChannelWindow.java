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
     * 64 values and 4 MiB per sending context: measured ({@code econtext bench}, channel rows) at the throughput of an
     * unbounded queue for small values, and at most 4 MiB held per sender for a consumer that stopped.
     */
    public static final ChannelWindow DEFAULT = new ChannelWindow(64, 4 << 20);

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
