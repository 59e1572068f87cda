package io.econtext.internal.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters a child reads right after its runtime bundle, encoded by the value codec as
 * {@code [id, name, [ancestor ids, nearest first], log level, max frame size]}.
 */
public record BootRequest(int id, String name, int[] ancestors, int logLevel, int maxFrame) {
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
        return v;
    }

    /**
     * The parameters a child decoded from its boot parameters frame, checked for what the runtime relies on.
     *
     * @throws IllegalArgumentException naming the first field that is missing or of the wrong kind: a child cannot
     *     start without its id, name, at least its parent's id, a log level and a positive frame bound
     */
    public static BootRequest fromValue(Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() != 5) {
            throw new IllegalArgumentException("boot parameters: expected [id, name, [ancestor ids], log level, max"
                    + " frame size], got " + describe(value));
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
        return new BootRequest(
                intField(v.get(0), "id"), (String) name, ancestors, intField(v.get(3), "log level"), maxFrame);
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
