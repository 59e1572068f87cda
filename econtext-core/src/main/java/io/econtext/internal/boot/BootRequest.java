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

    public static BootRequest fromValue(Object value) {
        List<?> v = (List<?>) value;
        List<?> a = (List<?>) v.get(2);
        int[] ancestors = new int[a.size()];
        for (int i = 0; i < ancestors.length; i++) {
            ancestors[i] = ((Integer) a.get(i)).intValue();
        }
        return new BootRequest(
                ((Integer) v.get(0)).intValue(),
                (String) v.get(1),
                ancestors,
                ((Integer) v.get(3)).intValue(),
                ((Integer) v.get(4)).intValue());
    }
}
