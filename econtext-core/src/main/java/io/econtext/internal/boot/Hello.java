package io.econtext.internal.boot;

import io.econtext.ContextInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frame a child sends after the handshake marker (handle 0): who and where it is, as
 * {@code [pid, user, host, java.version, java.home]}. An intermediate answers a BOOT request with the hello of the
 * child it booted and how long the boot took: {@code [pid, user, host, java.version, java.home, boot millis]}.
 */
public record Hello(long pid, String user, String host, String javaVersion, String javaHome) {
    /** This JVM's hello. */
    public static Hello thisJvm() {
        return new Hello(
                ownPid(),
                System.getProperty("user.name"),
                hostName(),
                System.getProperty("java.version"),
                System.getProperty("java.home"));
    }

    public Object toWire() {
        List<Object> v = new ArrayList<Object>(6);
        v.add(Long.valueOf(pid));
        v.add(user);
        v.add(host);
        v.add(javaVersion);
        v.add(javaHome);
        return v;
    }

    /**
     * The hello {@code value} holds.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    public static Hello fromWire(Object value) {
        return parse(value, 5);
    }

    /** The info of context {@code name} that sent this hello after a boot of {@code bootMillis}. */
    public ContextInfo info(String name, long bootMillis) {
        return new ContextInfo(name, pid, user, host, javaVersion, javaHome, bootMillis);
    }

    /** An intermediate's answer to BOOT, for the child it booted. */
    public static Object bootAnswer(ContextInfo i) {
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
    public static ContextInfo fromBootAnswer(String name, Object value) {
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

    /**
     * This JVM's pid, read from {@code /proc/self} where there is one: {@code ProcessHandle.current()} initializes a
     * reaper executor and bootstraps lambdas, which costs a child milliseconds at boot.
     */
    private static long ownPid() {
        try {
            String self = new java.io.File("/proc/self").getCanonicalFile().getName();
            return Long.parseLong(self);
        } catch (java.io.IOException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** The host name, from {@code /etc/hostname} read without NIO (cheaper at boot), else the resolver. */
    private static String hostName() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/etc/hostname")) {
            byte[] b = new byte[256];
            int n = in.read(b);
            if (n > 0) {
                String s = new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        } catch (java.io.IOException ignored) {
            // no /etc/hostname: ask the resolver
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
