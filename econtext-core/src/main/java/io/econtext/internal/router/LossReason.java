package io.econtext.internal.router;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Why contexts became unreachable, as the loss listeners see it and as DEL_ROUTE carries it up the tree: gone (a
 * stream closed, a process died), or unresponsive (a stream read nothing for longer than its heartbeat timeout, see
 * {@link Heartbeat}), naming the context that went silent and for how long, so that an ancestor many hops up fails
 * its calls with the same facts as the router that noticed.
 *
 * <p>DEL_ROUTE data, big-endian:
 *
 * <pre>
 *  u32 n | n x u32 lost context id | u8 kind
 *                                    kind 0 (gone):          nothing more, or: u32 id of the context that saw its
 *                                                            stream to them close | u16 m | m bytes UTF-8, why it closed
 *                                    kind 1 (unresponsive):  u32 id of the silent context (one of the n) | u64 silence, ns
 * </pre>
 *
 * <p>The context that saw the stream close travels up unchanged: an ancestor many hops up names it, and the master,
 * which knows every name and parent, says which context died and what that meant for those below it ({@code context
 * 'far' disconnected: its parent 'middle' (id 2) is gone: 'near' (id 1) reported the stream to 'middle' closed: end
 * of stream}).
 */
public final class LossReason {
    static final int GONE = 0;
    static final int UNRESPONSIVE = 1;

    /** The longest close reason carried up, in UTF-8 bytes; a longer one is cut. */
    static final int MAX_CAUSE_BYTES = 512;

    private final String text;
    private final int silentId;
    private final long silenceNanos;
    private final int noticerId;
    private final String cause;

    private LossReason(String text, int silentId, long silenceNanos, int noticerId, String cause) {
        this.text = text;
        this.silentId = silentId;
        this.silenceNanos = silenceNanos;
        this.noticerId = noticerId;
        this.cause = cause;
    }

    /** Contexts that went away (stream closed, process ended), for reasons told as {@code text} only. */
    public static LossReason gone(String text) {
        return new LossReason(text, -1, 0, -1, null);
    }

    /**
     * Contexts lost because context {@code noticerId}'s stream to {@code streamName} (the topmost of them) closed for
     * {@code why}.
     */
    public static LossReason streamClosed(int noticerId, String streamName, String why) {
        return new LossReason("stream to " + streamName + " closed: " + why, -1, 0, noticerId, why);
    }

    /** Contexts lost because context {@code silentId} (one of them) read as silent for {@code silenceNanos}. */
    public static LossReason unresponsive(int silentId, long silenceNanos, String text) {
        return new LossReason(text, silentId, silenceNanos, -1, null);
    }

    /** The same reason told as {@code text} (e.g. with names the router that noticed did not know). */
    public LossReason withText(String text) {
        return new LossReason(text, silentId, silenceNanos, noticerId, cause);
    }

    /** The context whose stream to the lost contexts closed, or -1 when not known. */
    public int noticerId() {
        return noticerId;
    }

    /** Why that stream closed (e.g. {@code end of stream}), or {@code null} when not known. */
    public String cause() {
        return cause;
    }

    /** For people: what happened, from where it was noticed. */
    public String text() {
        return text;
    }

    public boolean isUnresponsive() {
        return silentId >= 0;
    }

    /** The context that went silent, or -1 when the contexts are just gone. */
    public int silentId() {
        return silentId;
    }

    /** How long nothing was read from {@link #silentId()} when it was declared unresponsive. */
    public long silenceNanos() {
        return silenceNanos;
    }

    /** The DEL_ROUTE data that reports {@code ids} lost for this reason. */
    byte[] encode(Set<Integer> ids) {
        int n = ids.size();
        byte[] why = !isUnresponsive() && cause != null ? causeBytes(cause) : null;
        byte[] b = new byte[4 + 4 * n + 1 + (isUnresponsive() ? 12 : why != null ? 6 + why.length : 0)];
        putInt(b, 0, n);
        int p = 4;
        for (Integer id : ids) {
            putInt(b, p, id);
            p += 4;
        }
        if (isUnresponsive()) {
            b[p++] = UNRESPONSIVE;
            putInt(b, p, silentId);
            putInt(b, p + 4, (int) (silenceNanos >>> 32));
            putInt(b, p + 8, (int) silenceNanos);
        } else {
            b[p++] = GONE;
            if (why != null) {
                putInt(b, p, noticerId);
                b[p + 4] = (byte) (why.length >>> 8);
                b[p + 5] = (byte) why.length;
                System.arraycopy(why, 0, b, p + 6, why.length);
            }
        }
        return b;
    }

    /** {@code cause} in UTF-8, cut to {@link #MAX_CAUSE_BYTES} at a character boundary. */
    private static byte[] causeBytes(String cause) {
        byte[] b = cause.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_CAUSE_BYTES) {
            return b;
        }
        int end = MAX_CAUSE_BYTES;
        while (end > 0 && (b[end] & 0xc0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(b, end);
    }

    /**
     * Reads DEL_ROUTE data: the lost ids into {@code ids}, and the reason, or {@code null} (ids untouched) when the data
     * does not fit the format above (a count that disagrees with the length, an unknown kind, a silent context that is
     * not among the lost, a negative silence): a corrupt report is applied not in part but not at all.
     *
     * @param reporter names the reporting context in the reason's text
     */
    static LossReason decode(byte[] b, int[][] ids, String reporter) {
        if (b.length < 5) {
            return null;
        }
        long n = getInt(b, 0) & 0xffffffffL;
        if (n > (b.length - 5) / 4) {
            return null;
        }
        int p = 4 + 4 * (int) n;
        int kind = b[p];
        int[] lost = new int[(int) n];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = getInt(b, 4 + 4 * i);
        }
        LossReason reason;
        if (kind == GONE && b.length == p + 1) {
            reason = gone(reporter + " reported them gone");
        } else if (kind == GONE && b.length >= p + 7 && b.length == p + 7 + (getShort(b, p + 5))) {
            int noticer = getInt(b, p + 1);
            String why = new String(b, p + 7, b.length - p - 7, StandardCharsets.UTF_8);
            if (noticer < 0 || b.length - p - 7 > MAX_CAUSE_BYTES) {
                return null;
            }
            reason = new LossReason(
                    reporter + " reported them gone: the stream from context " + noticer + " to them closed: " + why,
                    -1,
                    0,
                    noticer,
                    why);
        } else if (kind == UNRESPONSIVE && b.length == p + 13) {
            int silent = getInt(b, p + 1);
            long silence = ((long) getInt(b, p + 5) << 32) | (getInt(b, p + 9) & 0xffffffffL);
            if (silence < 0 || silent < 0 || !contains(lost, silent)) {
                return null;
            }
            reason = unresponsive(
                    silent,
                    silence,
                    reporter + " reported context " + silent + " unresponsive: nothing read from it for "
                            + silence / 1_000_000L + " ms");
        } else {
            return null;
        }
        ids[0] = lost;
        return reason;
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    private static int getShort(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int getInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    @Override
    public String toString() {
        return text;
    }
}
