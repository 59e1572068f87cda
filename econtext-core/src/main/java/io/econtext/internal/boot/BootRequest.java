package io.econtext.internal.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters a child reads right after its runtime bundle, encoded by the value codec as
 * {@code [id, name, [ancestor ids, nearest first], log level, max frame size, [heartbeat interval, heartbeat timeout,
 * default interval, default timeout] (ms, longs), parent name]}: the heartbeat of the stream between the child and its
 * parent, and the router's default for the streams to the children it boots (see {@link
 * io.econtext.internal.router.Heartbeat}); the parent's name, for {@link io.econtext.Here#identity()}.
 */
public record BootRequest(
        int id,
        String name,
        int[] ancestors,
        int logLevel,
        int maxFrame,
        long heartbeatIntervalMillis,
        long heartbeatTimeoutMillis,
        long defaultHeartbeatIntervalMillis,
        long defaultHeartbeatTimeoutMillis,
        String parentName) {
    /** The default heartbeat: a ping after 5 s without reading, unresponsive after 30 s. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 5_000;

    public static final long DEFAULT_HEARTBEAT_TIMEOUT_MILLIS = 30_000;

    /** With the default heartbeat, and no parent name. */
    public BootRequest(int id, String name, int[] ancestors, int logLevel, int maxFrame) {
        this(
                id,
                name,
                ancestors,
                logLevel,
                maxFrame,
                DEFAULT_HEARTBEAT_INTERVAL_MILLIS,
                DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                DEFAULT_HEARTBEAT_INTERVAL_MILLIS,
                DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                null);
    }

    /**
     * The request for a child booted with {@code spec}: the spec's heartbeat, or else the booting router's default,
     * which the child also keeps as its own default.
     *
     * @param parentName the name of the booting context ({@code master} in the master)
     */
    public static BootRequest of(
            int id,
            String name,
            String parentName,
            int[] ancestors,
            int logLevel,
            int maxFrame,
            io.econtext.ConnectionSpec spec,
            long defaultIntervalMillis,
            long defaultTimeoutMillis) {
        java.time.Duration i = spec.heartbeatInterval();
        java.time.Duration t = spec.heartbeatTimeout();
        return new BootRequest(
                id,
                name,
                ancestors,
                logLevel,
                maxFrame,
                i != null ? i.toMillis() : defaultIntervalMillis,
                t != null ? t.toMillis() : defaultTimeoutMillis,
                defaultIntervalMillis,
                defaultTimeoutMillis,
                parentName);
    }

    public Object toValue() {
        List<Object> a = new ArrayList<Object>(ancestors.length);
        for (int x : ancestors) {
            a.add(Integer.valueOf(x));
        }
        List<Object> v = new ArrayList<Object>(5);
        v.add(Integer.valueOf(id));
        v.add(name);
        v.add(a);
        v.add(Integer.valueOf(logLevel));
        v.add(Integer.valueOf(maxFrame));
        List<Object> h = new ArrayList<Object>(4);
        h.add(Long.valueOf(heartbeatIntervalMillis));
        h.add(Long.valueOf(heartbeatTimeoutMillis));
        h.add(Long.valueOf(defaultHeartbeatIntervalMillis));
        h.add(Long.valueOf(defaultHeartbeatTimeoutMillis));
        v.add(h);
        v.add(parentName);
        return v;
    }

    /**
     * The parameters a child decoded from its boot parameters frame, checked for what the runtime relies on.
     *
     * @throws IllegalArgumentException naming the first field that is missing or of the wrong kind: a child cannot
     *     start without its id, name, at least its parent's id, a log level and a positive frame bound
     */
    public static BootRequest fromValue(Object value) {
        int size = value instanceof List ? ((List<?>) value).size() : 0;
        if (size != 6 && size != 7) { // 6: no parent name
            throw new IllegalArgumentException("boot parameters: expected [id, name, [ancestor ids], log level, max"
                    + " frame size, [heartbeat ms x 4], parent name], got " + describe(value));
        }
        List<?> v = (List<?>) value;
        Object name = v.get(1);
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("boot parameters: name : " + describe(name) + " (expected: a string)");
        }
        Object a = v.get(2);
        if (!(a instanceof List) || ((List<?>) a).isEmpty()) {
            throw new IllegalArgumentException(
                    "boot parameters: ancestors : " + describe(a) + " (expected: a list of ids, parent first)");
        }
        List<?> list = (List<?>) a;
        int[] ancestors = new int[list.size()];
        for (int i = 0; i < ancestors.length; i++) {
            ancestors[i] = intField(list.get(i), "ancestor " + i);
        }
        int maxFrame = intField(v.get(4), "max frame size");
        if (maxFrame <= 0) {
            throw new IllegalArgumentException("boot parameters: max frame size : " + maxFrame + " (expected: > 0)");
        }
        Object h = v.get(5);
        if (!(h instanceof List) || ((List<?>) h).size() != 4) {
            throw new IllegalArgumentException("boot parameters: heartbeat : " + describe(h)
                    + " (expected: [interval, timeout, default interval, default timeout] in ms)");
        }
        List<?> hb = (List<?>) h;
        long[] ms = new long[4];
        for (int i = 0; i < 4; i++) {
            Object x = hb.get(i);
            if (!(x instanceof Long) || (Long) x <= 0) {
                throw new IllegalArgumentException(
                        "boot parameters: heartbeat " + i + " : " + describe(x) + " (expected: a positive long)");
            }
            ms[i] = (Long) x;
        }
        Object parentName = size == 7 ? v.get(6) : null;
        if (parentName != null && !(parentName instanceof String)) {
            throw new IllegalArgumentException(
                    "boot parameters: parent name : " + describe(parentName) + " (expected: a string or null)");
        }
        return new BootRequest(
                intField(v.get(0), "id"),
                (String) name,
                ancestors,
                intField(v.get(3), "log level"),
                maxFrame,
                ms[0],
                ms[1],
                ms[2],
                ms[3],
                (String) parentName);
    }

    private static int intField(Object value, String what) {
        if (!(value instanceof Integer)) {
            throw new IllegalArgumentException(
                    "boot parameters: " + what + " : " + describe(value) + " (expected: an int)");
        }
        return ((Integer) value).intValue();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "a list of " + ((List<?>) value).size();
        }
        return "a " + value.getClass().getSimpleName();
    }
}
