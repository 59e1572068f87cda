package io.econtext.internal.protocol;

import io.econtext.CodecException;
import java.util.ArrayList;
import java.util.List;

/** The answer to a {@link ResourceRequest}: {@code [bytes, ...]}, none when the resource is not served. */
public final class ResourceAnswer {
    private ResourceAnswer() {}

    public static Object toWire(List<byte[]> found) {
        return new ArrayList<Object>(found);
    }

    /**
     * The resources {@code value} holds.
     *
     * @throws CodecException when it is anything else
     */
    public static List<byte[]> fromWire(Object value) {
        if (!(value instanceof List)) {
            throw new CodecException("malformed resource answer: " + Shapes.describe(value));
        }
        List<?> v = (List<?>) value;
        List<byte[]> out = new ArrayList<byte[]>(v.size());
        for (Object o : v) {
            if (!(o instanceof byte[])) {
                throw new CodecException("malformed resource answer: " + Shapes.describe(value));
            }
            out.add((byte[]) o);
        }
        return out;
    }
}
