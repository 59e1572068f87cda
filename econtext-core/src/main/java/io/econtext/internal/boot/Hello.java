package io.econtext.internal.boot;

import io.econtext.ContextInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frame a child sends after the handshake marker (handle 0): who and where it is, as
 * {@code [pid, user, host, java.version, java.home]}.
 */
public final class Hello {
    private Hello() {}

    public static Object describeThisJvm() {
        List<Object> v = new ArrayList<Object>(5);
        v.add(Long.valueOf(pid()));
        v.add(System.getProperty("user.name"));
        v.add(hostName());
        v.add(System.getProperty("java.version"));
        v.add(System.getProperty("java.home"));
        return v;
    }

    /**
     * The info in a decoded hello.
     *
     * @throws IllegalArgumentException when {@code value} is not a hello
     */
    public static ContextInfo toInfo(String name, Object value, long bootMillis) {
        try {
            List<?> v = (List<?>) value;
            return new ContextInfo(
                    name,
                    ((Long) v.get(0)).longValue(),
                    (String) v.get(1),
                    (String) v.get(2),
                    (String) v.get(3),
                    (String) v.get(4),
                    bootMillis);
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            // the casts are the check: a hello is what a child says about itself, nothing checked it before
            throw new IllegalArgumentException("expected [pid, user, host, java.version, java.home]: " + e, e);
        }
    }

    /**
     * This JVM's pid, read from {@code /proc/self} where there is one: {@code ProcessHandle.current()} initializes a
     * reaper executor and bootstraps lambdas, which costs a child milliseconds at boot.
     */
    private static long pid() {
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
