package io.econtext.internal.protocol;

import io.econtext.ContextInfo;
import io.econtext.internal.boot.Hello;
import java.util.List;

/**
 * A child's {@link Hello} as the booting side reads it, and an intermediate's answer to BOOT ({@link BootChild}): the
 * hello of the child it booted and how long the boot took, {@code [pid, user, host, java.version, java.home, boot
 * millis]}. Not in a child's boot bundle: only a context that boots children needs it.
 */
public final class BootAnswer {
    private BootAnswer() {}

    /**
     * The hello {@code value} holds.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    public static Hello hello(Object value) {
        return parse(value, 5);
    }

    /** An intermediate's answer to BOOT, for the child it booted. */
    public static Object toWire(ContextInfo i) {
        @SuppressWarnings("unchecked")
        List<Object> v = (List<Object>) new Hello(i.pid(), i.user(), i.host(), i.javaVersion(), i.javaHome()).toWire();
        v.add(Long.valueOf(i.bootMillis()));
        return v;
    }

    /**
     * The info of context {@code name} in an intermediate's answer to BOOT.
     *
     * @throws IllegalArgumentException when {@code value} is not such an answer
     */
    public static ContextInfo fromWire(String name, Object value) {
        Hello h = parse(value, 6);
        Object millis = ((List<?>) value).get(5);
        if (!(millis instanceof Long)) {
            throw new IllegalArgumentException("expected [pid, user, host, java.version, java.home, boot millis], got"
                    + " boot millis " + describe(millis));
        }
        return h.info(name, (Long) millis);
    }

    private static Hello parse(Object value, int size) {
        if (!(value instanceof List)
                || ((List<?>) value).size() != size
                || !(((List<?>) value).get(0) instanceof Long)) {
            throw new IllegalArgumentException("expected [pid, user, host, java.version, java.home"
                    + (size == 6 ? ", boot millis" : "") + "], got " + describe(value));
        }
        List<?> v = (List<?>) value;
        for (Object o : v.subList(1, 5)) {
            if (o != null && !(o instanceof String)) {
                throw new IllegalArgumentException(
                        "expected [pid, user, host, java.version, java.home], got a field " + describe(o));
            }
        }
        return new Hello((Long) v.get(0), (String) v.get(1), (String) v.get(2), (String) v.get(3), (String) v.get(4));
    }

    private static String describe(Object value) {
        return value instanceof List
                ? "a list of " + ((List<?>) value).size()
                : value == null ? "null" : "a " + value.getClass().getSimpleName();
    }
}
