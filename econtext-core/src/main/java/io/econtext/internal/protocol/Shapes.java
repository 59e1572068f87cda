package io.econtext.internal.protocol;

import java.util.ArrayList;
import java.util.List;

/** Describes a payload that is not what its handle takes, for refusal messages: its shape, never its content. */
public final class Shapes {
    private Shapes() {}

    public static String describe(Object value) {
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<String> types = new ArrayList<String>();
            for (Object o : list.subList(0, Math.min(8, list.size()))) {
                types.add(o == null ? "null" : o.getClass().getSimpleName());
            }
            return "a list of " + list.size() + ": " + types + (list.size() > 8 ? "..." : "");
        }
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }
}
