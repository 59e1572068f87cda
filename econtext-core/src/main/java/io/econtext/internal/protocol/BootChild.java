package io.econtext.internal.protocol;

import io.econtext.CodecException;
import io.econtext.ConnectionSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The master's request to an intermediate (BOOT): boot a child with {@code spec} (its {@code via} removed: the
 * intermediate is the via), under this id and name, through the transport of that class, which the intermediate makes
 * as the master made its own. Wire: {@code [spec, child id, child name, transport class name]}; answered with the
 * child's {@link BootAnswer hello and boot time}, or the exception the boot failed
 * with.
 */
public record BootChild(ConnectionSpec spec, int childId, String childName, String transportClass) {
    public Object toWire() {
        return Arrays.asList(spec, Integer.valueOf(childId), childName, transportClass);
    }

    /**
     * The request {@code value} holds.
     *
     * @throws CodecException when it is anything else
     */
    public static BootChild fromWire(Object value) {
        if (value instanceof List && ((List<?>) value).size() == 4) {
            List<?> v = (List<?>) value;
            if (v.get(0) instanceof ConnectionSpec
                    && v.get(1) instanceof Integer
                    && v.get(2) instanceof String
                    && v.get(3) instanceof String) {
                return new BootChild(
                        (ConnectionSpec) v.get(0), (Integer) v.get(1), (String) v.get(2), (String) v.get(3));
            }
        }
        throw new CodecException("malformed boot request: " + Shapes.describe(value));
    }
}
