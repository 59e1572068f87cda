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
        return new EncodeFailure(
                "cannot encode value of type " + type.getName() + " at ", ": " + CarriedTypes.CARRIED, null);
    }

    /** An array whose component type is not carried (checked before its elements). */
    static EncodeFailure unsupportedArray(Class<?> arrayType) {
        return new EncodeFailure(
                "cannot encode array of type " + arrayType.getTypeName() + " at ",
                ": its component type is not carried (" + CarriedTypes.CARRIED + ")",
                null);
    }

    /**
     * A lambda captured the instance of its enclosing class ({@code capturing}), whose type cannot be carried: the
     * lambda uses an instance field or method.
     */
    static EncodeFailure capturedThis(Class<?> capturing, EncodeFailure failure) {
        String name = capturing.getSimpleName().isEmpty() ? capturing.getName() : capturing.getSimpleName();
        return new EncodeFailure(
                "cannot encode a lambda at ",
                ": it captured this (class " + name + "), because its body uses an instance field or method of "
                        + name + ", and " + capturing.getName() + " cannot be carried. Copy the field into a local"
                        + " variable before the lambda and use that, or make the method static"
                        + (failure.innermostFirst.isEmpty() ? "" : " (" + failure.before + failure.path() + ")"),
                null);
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
