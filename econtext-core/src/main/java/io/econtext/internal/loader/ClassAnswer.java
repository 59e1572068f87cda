package io.econtext.internal.loader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The master's answer to a child's request for one class: its bytes, plus the classes it will need next that the
 * child has not been sent yet.
 *
 * <pre>{@code
 * ClassAnswer answer = server.serveClass(contextId, "com.example.Job");
 * if (answer.found()) { reply(answer.bytes(), answer.prefetched()); } else { replyNotFound(answer.name()); }
 * }</pre>
 *
 * <p>Byte arrays are shared with the server's cache: read them, never modify them.
 *
 * @param name the binary name that was asked for
 * @param bytes the class file, or null when the class is absent, a JDK class or denied
 * @param prefetched binary name to class file, in the order a child is likely to need them; unmodifiable, empty when
 *     {@code bytes} is null
 */
public record ClassAnswer(String name, byte[] bytes, Map<String, byte[]> prefetched) {
    public ClassAnswer {
        Objects.requireNonNull(name, "name");
        prefetched = prefetched == null || prefetched.isEmpty()
                ? Collections.<String, byte[]>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<String, byte[]>(prefetched));
    }

    /** An answer saying that {@code name} is not served. */
    public static ClassAnswer notFound(String name) {
        return new ClassAnswer(name, null, null);
    }

    /** Whether the class was served. */
    public boolean found() {
        return bytes != null;
    }

    @Override
    public String toString() {
        return "ClassAnswer[" + name + ", " + (bytes == null ? "not found" : bytes.length + " bytes") + ", prefetched "
                + prefetched.keySet() + "]";
    }
}
