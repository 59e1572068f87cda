package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.util.List;
import java.util.Objects;

/**
 * Encodes the values that cross the wire (call arguments, results, exceptions, channel messages) and decodes them.
 * The set of types is closed: {@code null}, primitives and their boxes, {@code String}, arrays of carried types
 * (primitive arrays in bulk), {@code List}, {@code Set}, {@code Map}, enums, records, throwables, the JDK value types
 * of {@code JdkValues} ({@code java.time}, {@code UUID}, {@code Optional}, {@code URI}, {@code BigInteger}, {@code
 * BigDecimal}, {@code Path}, {@code Runtime.Version}), {@link io.econtext.Secret}, {@link io.econtext.Context} and
 * {@link io.econtext.Sender} references, serializable lambdas, and the types of the application's registered {@link
 * io.econtext.TypeCodec}s ({@link CodecHooks#typeCodecs()}). Anything else fails with a {@link CodecException} naming
 * the type and where it sat in the value, e.g. {@code list[3].map value}. No Java serialization is involved: decoding
 * instantiates only records and enums resolved through {@link CodecHooks} (and arrays of those or of carried JDK types,
 * see {@code CarriedTypes}), calls only the factories of the JDK value types and the registered codecs, and carries
 * throwables and lambdas home as data ({@link io.econtext.RemoteThrowable}, {@link LambdaRef}). The byte layout is
 * documented on {@code Tags}.
 *
 * <pre>{@code
 * ValueCodec codec = new ValueCodec(hooks);
 * byte[] payload = codec.encode(List.of("uptime", 42));
 * Object value = codec.decode(payload, 0, payload.length);
 * }</pre>
 *
 * <p>Thread-safe and stateless apart from its hooks; any thread may encode or decode, and neither blocks unless a
 * hook does.
 */
public final class ValueCodec {
    /** The first byte of every payload. */
    public static final int VERSION = 1;

    /** How many containers (collections, records, lambdas, exceptions) may nest inside each other. */
    public static final int MAX_DEPTH = 64;

    /** How many exceptions a cause and suppressed chain carries; deeper ones are dropped when encoding. */
    public static final int MAX_THROWABLE_DEPTH = 16;

    private final CodecHooks hooks;
    private final LambdaRefCache lambdas = new LambdaRefCache();

    public ValueCodec(CodecHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /** The application's type codecs in this context (see {@link CodecHooks#typeCodecs()}). */
    public TypeCodecs typeCodecs() {
        return hooks.typeCodecs();
    }

    /**
     * A new payload holding {@code value}, for a message that goes nowhere a {@link io.econtext.Sender} inside it
     * should work (control messages). Senders bound for another context go through {@link #encode(Object, int)}.
     *
     * @throws CodecException when {@code value} or something inside it cannot be carried
     */
    public byte[] encode(Object value) {
        ByteSink out = new ByteSink(128);
        encode(value, out);
        return out.takeByteArray();
    }

    /**
     * A new payload holding {@code value}, for a message bound for context {@code destination}: each {@link Handover}
     * inside (a sender of this context's receiver) is told, so that the receiver admits {@code destination}.
     *
     * @throws CodecException when {@code value} or something inside it cannot be carried; nothing is handed over then
     */
    public byte[] encode(Object value, int destination) {
        ByteSink out = new ByteSink(128);
        encode(value, out);
        List<Handover> handovers = out.handovers();
        if (handovers != null) {
            for (int i = 0; i < handovers.size(); i++) {
                handovers.get(i).handedTo(destination);
            }
        }
        return out.takeByteArray();
    }

    /**
     * Appends a payload holding {@code value} to {@code out}. On failure {@code out} is left as it was.
     *
     * @throws CodecException when {@code value} or something inside it cannot be carried
     */
    public void encode(Object value, ByteSink out) {
        int start = out.size();
        int handed = out.handoverCount();
        try {
            out.writeByte(VERSION);
            ValueEncoder.write(out, value, 0, hooks);
        } catch (EncodeFailure f) {
            out.truncate(start);
            out.truncateHandovers(handed);
            throw f.toCodecException();
        } catch (RuntimeException | Error e) {
            out.truncate(start);
            out.truncateHandovers(handed);
            throw e;
        }
    }

    /**
     * The value of the payload in {@code data[offset, offset + length)}, which must hold exactly one payload. The value
     * may take at most 32 × {@code length} + 1 MiB of heap (see {@code ValueDecoder}): more than any value of the
     * closed set needs (except dates with offsets of odd seconds, some 70 × their few bytes, refused in bulk), so the
     * bound holds whatever the bytes.
     *
     * @throws CodecException when the bytes are not a valid payload of this version, name a class that cannot be
     *     resolved, or go over the budget
     */
    public Object decode(byte[] data, int offset, int length) {
        return decode(data, offset, length, false);
    }

    /**
     * Like {@link #decode}, for a payload from a less trusted context that nobody asked for (a child's logs, output,
     * hello): only plain values decode - null, booleans, numbers, chars, strings, primitive arrays, lists and
     * exceptions as data - within 4 × {@code length} + 1 MiB of heap. A tag for anything else (an enum, a record, a
     * lambda, a set or map, a secret, a context or sender reference) fails before its class is resolved or any of its
     * code runs. Never calls the hooks.
     *
     * @throws CodecException when the bytes are not a valid payload, carry a value that is not plain, or go over the
     *     budget
     */
    public Object decodePlain(byte[] data, int offset, int length) {
        return decode(data, offset, length, true);
    }

    private Object decode(byte[] data, int offset, int length, boolean plain) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            throw new CodecException("malformed payload: empty");
        }
        int version = data[offset] & 0xFF;
        if (version != VERSION) {
            throw new CodecException("unsupported codec version " + version + " (expected: " + VERSION
                    + "): is the other side a" + " different econtext release?");
        }
        ByteSource in = new ByteSource(data, offset + 1, length - 1);
        Object value;
        try {
            value = new ValueDecoder(in, hooks, lambdas, plain).read(0);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // A hook or a decoded value's own code (a record's hashCode as a map key) failed.
            throw new CodecException("cannot decode payload: " + e, e);
        }
        if (in.remaining() != 0) {
            throw new CodecException("malformed payload: " + in.remaining() + " trailing bytes after the value");
        }
        return value;
    }
}
