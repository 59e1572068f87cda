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
        v.add(Long.valueOf(ProcessHandle.current().pid()));
        v.add(System.getProperty("user.name"));
        v.add(hostName());
        v.add(System.getProperty("java.version"));
        v.add(System.getProperty("java.home"));
        return v;
    }

    public static ContextInfo toInfo(String name, Object value, long bootMillis) {
        List<?> v = (List<?>) value;
        return new ContextInfo(
                name,
                ((Long) v.get(0)).longValue(),
                (String) v.get(1),
                (String) v.get(2),
                (String) v.get(3),
                (String) v.get(4),
                bootMillis);
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isEmpty()) {
            return h;
        }
        try {
            byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/etc/hostname"));
            String s = new String(b, java.nio.charset.StandardCharsets.UTF_8).trim();
            if (!s.isEmpty()) {
                return s;
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // fall through to the resolver
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
