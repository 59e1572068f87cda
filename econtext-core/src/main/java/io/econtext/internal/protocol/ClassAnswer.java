package io.econtext.internal.protocol;

import io.econtext.CodecException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ancestor's answer to a child's request for one class (FETCH_CLASS): its bytes, plus the classes it will need
 * next that the child has not been sent yet. Wire: {@code [name, class file or null, {name: class file}]}.
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

    public Object toWire() {
        return Arrays.asList(name, bytes, prefetched);
    }

    /**
     * The answer {@code value} holds.
     *
     * @throws CodecException when it is anything else
     */
    public static ClassAnswer fromWire(Object value) {
        if (value instanceof List && ((List<?>) value).size() == 3) {
            List<?> v = (List<?>) value;
            if (v.get(0) instanceof String
                    && (v.get(1) == null || v.get(1) instanceof byte[])
                    && v.get(2) instanceof Map
                    && isClassMap((Map<?, ?>) v.get(2))) {
                @SuppressWarnings("unchecked")
                Map<String, byte[]> prefetched = (Map<String, byte[]>) v.get(2);
                return new ClassAnswer((String) v.get(0), (byte[]) v.get(1), prefetched);
            }
        }
        throw new CodecException("malformed class answer: " + Shapes.describe(value));
    }

    private static boolean isClassMap(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof byte[])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ClassAnswer[" + name + ", " + (bytes == null ? "not found" : bytes.length + " bytes") + ", prefetched "
                + prefetched.keySet() + "]";
    }
}
