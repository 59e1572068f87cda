package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.util.ArrayList;

/**
 * Unwinds an encoding that hit a value it cannot carry. Each container on the way out adds its segment of the path
 * ({@code list[3]}, {@code map value}), so the path costs nothing unless encoding fails; {@link ValueCodec} then turns
 * it into a {@link CodecException}. Never carries the value itself, only its type.
 */
final class EncodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String CARRIED_TYPES = "econtext carries null, primitives and boxes, String, byte[], List, Set, Map,"
            + " enums, records, exceptions, Secret, Context and Sender references";

    private final String before;
    private final String after;
    private final ArrayList<String> innermostFirst = new ArrayList<>(4);

    /** The message is {@code before + path + after}. */
    private EncodeFailure(String before, String after, Throwable cause) {
        super(before, cause, false, false);
        this.before = before;
        this.after = after;
    }

    static EncodeFailure unsupported(Class<?> type) {
        return new EncodeFailure("cannot encode value of type " + type.getName() + " at ", ": " + CARRIED_TYPES, null);
    }

    static EncodeFailure lambdaNotSerializable(Class<?> type) {
        return new EncodeFailure(
                "lambda is not serializable: declare it as RemoteCallable/RemoteRunnable or cast to an intersection"
                        + " with Serializable (" + type.getName() + " at ",
                ")",
                null);
    }

    static EncodeFailure tooDeep() {
        return new EncodeFailure(
                "value nested deeper than " + ValueCodec.MAX_DEPTH + " levels at ",
                " (does a collection contain itself?)",
                null);
    }

    /** Reflection on {@code type} failed; {@code what} says what was attempted. */
    static EncodeFailure inaccessible(Class<?> type, String what, Throwable cause) {
        return new EncodeFailure(
                "cannot encode value of type " + type.getName() + " at ", ": " + what + " failed: " + cause, cause);
    }

    static EncodeFailure changedWhileEncoding(Class<?> type) {
        return new EncodeFailure(
                "cannot encode value of type " + type.getName() + " at ",
                ": its size changed while it was being encoded",
                null);
    }

    /** Adds the segment of the path that leads from the enclosing value to the one that failed. */
    EncodeFailure at(String segment) {
        innermostFirst.add(segment);
        return this;
    }

    String path() {
        if (innermostFirst.isEmpty()) {
            return "top level";
        }
        StringBuilder b = new StringBuilder();
        for (int i = innermostFirst.size() - 1; i >= 0; i--) {
            b.append(innermostFirst.get(i));
            if (i > 0) {
                b.append('.');
            }
        }
        return b.toString();
    }

    CodecException toCodecException() {
        return new CodecException(before + path() + after, getCause());
    }
}
