package io.econtext.internal.router;

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
 *                                    kind 0 (gone):          nothing more
 *                                    kind 1 (unresponsive):  u32 id of the silent context (one of the n) | u64 silence, ns
 * </pre>
 */
public final class LossReason {
    static final int GONE = 0;
    static final int UNRESPONSIVE = 1;

    private final String text;
    private final int silentId;
    private final long silenceNanos;

    private LossReason(String text, int silentId, long silenceNanos) {
        this.text = text;
        this.silentId = silentId;
        this.silenceNanos = silenceNanos;
    }

    /** Contexts that went away (stream closed, process ended). */
    public static LossReason gone(String text) {
        return new LossReason(text, -1, 0);
    }

    /** Contexts lost because context {@code silentId} (one of them) read as silent for {@code silenceNanos}. */
    public static LossReason unresponsive(int silentId, long silenceNanos, String text) {
        return new LossReason(text, silentId, silenceNanos);
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
        byte[] b = new byte[4 + 4 * n + 1 + (isUnresponsive() ? 12 : 0)];
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
            b[p] = GONE;
        }
        return b;
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

    private static int getInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    @Override
    public String toString() {
        return text;
    }
}
