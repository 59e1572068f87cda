package io.econtext.internal.boot;

import io.econtext.ContextInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frame a child sends after the handshake marker (handle 0): who and where it is, as
 * {@code [pid, user, host, java.version, java.home]}. Read by the booting side with {@link
 * io.econtext.internal.protocol.BootAnswer} (which a child loads only when it boots children of its own).
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

    /** The info of context {@code name} that sent this hello after a boot of {@code bootMillis}. */
    public ContextInfo info(String name, long bootMillis) {
        return new ContextInfo(name, pid, user, host, javaVersion, javaHome, bootMillis);
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
