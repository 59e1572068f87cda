package io.econtext.internal.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters a child reads right after its runtime bundle, encoded by the value codec as
 * {@code [id, name, [ancestor ids, nearest first], log level, max frame size, [heartbeat interval, heartbeat timeout,
 * default interval, default timeout] (ms, longs), parent name, [type codec names]]}: the heartbeat of the stream between
 * the child and its parent, and the router's default for the streams to the children it boots (see {@link
 * io.econtext.internal.router.Heartbeat}); the parent's name, for {@link io.econtext.Here#identity()}; when the master
 * registered {@link io.econtext.TypeCodec}s, an eighth element lists their binary class names, which the child loads
 * from its parent on first use and names to the children it boots in turn.
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
        String parentName,
        List<String> typeCodecs) {
    public BootRequest {
        typeCodecs = List.copyOf(typeCodecs);
    }

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
                null,
                List.of());
    }

    /**
     * The request for a child booted with {@code spec}: the spec's heartbeat, or else the booting router's default,
     * which the child also keeps as its own default; {@code typeCodecs} are the binary names of the application's
     * type codec classes.
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
            long defaultTimeoutMillis,
            List<String> typeCodecs) {
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
                parentName,
                typeCodecs);
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
        if (!typeCodecs.isEmpty()) {
            v.add(new ArrayList<Object>(typeCodecs));
        }
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
        if (size < 6 || size > 8) { // 6: no parent name; 8: type codecs
            throw new IllegalArgumentException("boot parameters: expected [id, name, [ancestor ids], log level, max"
                    + " frame size, [heartbeat ms x 4], parent name, [type codecs]], got " + describe(value));
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
        Object parentName = size >= 7 ? v.get(6) : null;
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
                (String) parentName,
                size == 8 ? typeCodecs(v.get(7)) : List.of());
    }

    private static List<String> typeCodecs(Object value) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(
                    "boot parameters: type codecs : " + describe(value) + " (expected: a list of class names)");
        }
        List<String> names = new ArrayList<String>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof String)) {
                throw new IllegalArgumentException(
                        "boot parameters: type codec : " + describe(o) + " (expected: a class name)");
            }
            names.add((String) o);
        }
        return names;
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
