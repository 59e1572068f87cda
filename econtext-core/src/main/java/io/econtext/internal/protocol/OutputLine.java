package io.econtext.internal.protocol;

import java.util.Arrays;
import java.util.List;

/** A line a context printed, forwarded to the master (STDIO): {@code [context id, stream name, line]}. */
public record OutputLine(int contextId, String stream, String line) {
    public Object toWire() {
        return Arrays.asList(Integer.valueOf(contextId), stream, line);
    }

    /** The line {@code value} holds, or {@code null} when it is anything else. */
    public static OutputLine fromWire(Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() != 3) {
            return null;
        }
        List<?> v = (List<?>) value;
        if (v.get(0) instanceof Integer && v.get(1) instanceof String && v.get(2) instanceof String) {
            return new OutputLine((Integer) v.get(0), (String) v.get(1), (String) v.get(2));
        }
        return null;
    }
}
