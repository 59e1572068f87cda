package io.econtext.internal.codec;

import io.econtext.CodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The JDK value types the codec carries besides the basic ones: {@code java.time} values, {@code UUID}, the {@code
 * Optional}s, {@code URI}, {@code BigInteger}, {@code BigDecimal}, {@code Path} and {@code Runtime.Version}; their
 * layouts are on {@link Tags} (0x50 to 0x61). Every one is rebuilt through its public factory, which validates it: no
 * reflection, no class named by the payload.
 *
 * <p>A {@code Path} is carried as its path name and decodes on the receiving side's default file system ({@code
 * Path.of}); a path of another file system (a zip file's) arrives as a plain path name.
 */
final class JdkValues {
    private JdkValues() {}

    /**
     * A zone or offset made for a value: the object, the id string it keeps and the builder that made it. Offsets of
     * whole quarter hours are cached by the JDK and charged nothing.
     */
    private static final int OFFSET = 192;

    /** A BigInteger or BigDecimal object, without its magnitude. */
    private static final int BIG = 40;

    /** Longer version strings are no JDK's: refused before the parser's pattern sees them. */
    private static final int MAX_VERSION_LENGTH = 256;

    private static final ClassValue<Integer> TAGS = new ClassValue<Integer>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            return tagFor(c);
        }
    };

    /** The tag {@code c}'s instances are written with, or 0 when {@code c} is not one of these types. */
    static int tagOf(Class<?> c) {
        return TAGS.get(c);
    }

    private static int tagFor(Class<?> c) {
        if (c == Duration.class) {
            return Tags.DURATION;
        } else if (c == Instant.class) {
            return Tags.INSTANT;
        } else if (c == LocalDate.class) {
            return Tags.DATE;
        } else if (c == LocalTime.class) {
            return Tags.TIME;
        } else if (c == LocalDateTime.class) {
            return Tags.DATETIME;
        } else if (c == OffsetDateTime.class) {
            return Tags.OFFSET_DATETIME;
        } else if (c == ZonedDateTime.class) {
            return Tags.ZONED_DATETIME;
        } else if (ZoneId.class.isAssignableFrom(c)) {
            return Tags.ZONE;
        } else if (c == UUID.class) {
            return Tags.UUID;
        } else if (c == Optional.class) {
            return Tags.OPTIONAL;
        } else if (c == OptionalInt.class) {
            return Tags.OPTIONAL_INT;
        } else if (c == OptionalLong.class) {
            return Tags.OPTIONAL_LONG;
        } else if (c == OptionalDouble.class) {
            return Tags.OPTIONAL_DOUBLE;
        } else if (c == URI.class) {
            return Tags.URI;
        } else if (BigDecimal.class.isAssignableFrom(c)) {
            return Tags.BIGDEC;
        } else if (BigInteger.class.isAssignableFrom(c)) {
            return Tags.BIGINT;
        } else if (Path.class.isAssignableFrom(c)) {
            return Tags.PATH;
        } else if (c == Runtime.Version.class) {
            return Tags.VERSION;
        }
        return 0;
    }

    /** Writes {@code v}, whose class has {@link #tagOf} {@code tag}; an Optional's value sits at {@code depth + 1}. */
    static void write(ByteSink out, Object v, int tag, int depth, CodecHooks hooks) {
        out.writeByte(tag);
        switch (tag) {
            case Tags.DURATION:
                Duration d = (Duration) v;
                zigZag(out, d.getSeconds());
                out.writeVarInt(d.getNano());
                break;
            case Tags.INSTANT:
                Instant i = (Instant) v;
                zigZag(out, i.getEpochSecond());
                out.writeVarInt(i.getNano());
                break;
            case Tags.DATE:
                zigZag(out, ((LocalDate) v).toEpochDay());
                break;
            case Tags.TIME:
                out.writeVarLong(((LocalTime) v).toNanoOfDay());
                break;
            case Tags.DATETIME:
                writeDateTime(out, (LocalDateTime) v);
                break;
            case Tags.OFFSET_DATETIME:
                OffsetDateTime o = (OffsetDateTime) v;
                writeDateTime(out, o.toLocalDateTime());
                zigZag(out, o.getOffset().getTotalSeconds());
                break;
            case Tags.ZONED_DATETIME:
                ZonedDateTime z = (ZonedDateTime) v;
                writeDateTime(out, z.toLocalDateTime());
                zigZag(out, z.getOffset().getTotalSeconds());
                out.writeUtf8(z.getZone().getId());
                break;
            case Tags.ZONE:
                out.writeUtf8(((ZoneId) v).getId());
                break;
            case Tags.UUID:
                UUID u = (UUID) v;
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
                break;
            case Tags.OPTIONAL:
                Optional<?> opt = (Optional<?>) v;
                out.writeByte(opt.isPresent() ? 1 : 0);
                if (opt.isPresent()) {
                    try {
                        ValueEncoder.write(out, opt.get(), depth + 1, hooks);
                    } catch (EncodeFailure f) {
                        throw f.at("optional");
                    }
                }
                break;
            case Tags.OPTIONAL_INT:
                OptionalInt oi = (OptionalInt) v;
                out.writeByte(oi.isPresent() ? 1 : 0);
                if (oi.isPresent()) {
                    zigZag(out, (long) oi.getAsInt());
                }
                break;
            case Tags.OPTIONAL_LONG:
                OptionalLong ol = (OptionalLong) v;
                out.writeByte(ol.isPresent() ? 1 : 0);
                if (ol.isPresent()) {
                    zigZag(out, ol.getAsLong());
                }
                break;
            case Tags.OPTIONAL_DOUBLE:
                OptionalDouble od = (OptionalDouble) v;
                out.writeByte(od.isPresent() ? 1 : 0);
                if (od.isPresent()) {
                    out.writeLong(Double.doubleToRawLongBits(od.getAsDouble()));
                }
                break;
            case Tags.URI:
                out.writeUtf8(v.toString());
                break;
            case Tags.BIGINT:
                writeBytes(out, ((BigInteger) v).toByteArray());
                break;
            case Tags.BIGDEC:
                BigDecimal b = (BigDecimal) v;
                zigZag(out, (long) b.scale());
                writeBytes(out, b.unscaledValue().toByteArray());
                break;
            case Tags.PATH:
                out.writeUtf8(v.toString());
                break;
            case Tags.VERSION:
                out.writeUtf8(v.toString());
                break;
            default:
                throw new IllegalStateException("no JDK value tag: " + tag);
        }
    }

    private static void zigZag(ByteSink out, long v) {
        out.writeVarLong((v << 1) ^ (v >> 63));
    }

    private static void writeBytes(ByteSink out, byte[] bytes) {
        out.writeVarInt(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeDateTime(ByteSink out, LocalDateTime t) {
        zigZag(out, t.toLocalDate().toEpochDay());
        out.writeVarLong(t.toLocalTime().toNanoOfDay());
    }

    /**
     * Reads the body of a value whose tag {@code tag} (one of {@link #tagOf}'s) was just read, charging {@code d}. An
     * Optional's value sits at {@code depth + 1}.
     */
    static Object read(int tag, ByteSource in, ValueDecoder d, int depth) {
        try {
            return readBody(tag, in, d, depth);
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
            // A factory refused the fields (a day 32, a zone unknown here, a malformed URI or version).
            throw new CodecException("cannot decode " + name(tag) + " at offset " + in.offset() + ": " + e, e);
        }
    }

    private static Object readBody(int tag, ByteSource in, ValueDecoder d, int depth) {
        switch (tag) {
            case Tags.DURATION:
                d.charge(ValueDecoder.WIDE_BOX);
                return Duration.ofSeconds(in.readZigZagLong(), nanos(in));
            case Tags.INSTANT:
                d.charge(ValueDecoder.WIDE_BOX);
                return Instant.ofEpochSecond(in.readZigZagLong(), nanos(in));
            case Tags.DATE:
                d.charge(ValueDecoder.WIDE_BOX);
                return LocalDate.ofEpochDay(in.readZigZagLong());
            case Tags.TIME:
                d.charge(ValueDecoder.WIDE_BOX);
                return LocalTime.ofNanoOfDay(in.readVarLong());
            case Tags.DATETIME:
                d.charge(3 * ValueDecoder.WIDE_BOX);
                return readDateTime(in);
            case Tags.OFFSET_DATETIME:
                d.charge(4 * ValueDecoder.WIDE_BOX);
                LocalDateTime dateTime = readDateTime(in);
                return OffsetDateTime.of(dateTime, readOffset(in, d));
            case Tags.ZONED_DATETIME:
                d.charge(4 * ValueDecoder.WIDE_BOX + OFFSET);
                LocalDateTime local = readDateTime(in);
                ZoneOffset offset = readOffset(in, d);
                return ZonedDateTime.ofInstant(local, offset, ZoneId.of(d.readString()));
            case Tags.ZONE:
                d.charge(OFFSET);
                return ZoneId.of(d.readString());
            case Tags.UUID:
                d.charge(ValueDecoder.WIDE_BOX);
                return new UUID(in.readLong(), in.readLong());
            case Tags.OPTIONAL:
                d.charge(ValueDecoder.BOX);
                return present(in) ? Optional.ofNullable(d.read(depth + 1)) : Optional.empty();
            case Tags.OPTIONAL_INT:
                d.charge(ValueDecoder.BOX);
                return present(in) ? OptionalInt.of(in.readZigZagInt()) : OptionalInt.empty();
            case Tags.OPTIONAL_LONG:
                d.charge(ValueDecoder.WIDE_BOX);
                return present(in) ? OptionalLong.of(in.readZigZagLong()) : OptionalLong.empty();
            case Tags.OPTIONAL_DOUBLE:
                d.charge(ValueDecoder.WIDE_BOX);
                return present(in) ? OptionalDouble.of(Double.longBitsToDouble(in.readLong())) : OptionalDouble.empty();
            case Tags.URI:
                d.charge(ValueDecoder.OBJECT * 6);
                try {
                    return new URI(d.readString());
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            case Tags.BIGINT:
                return readBigInteger(in, d);
            case Tags.BIGDEC:
                return readBigDecimal(in, d);
            case Tags.PATH:
                d.charge(ValueDecoder.OBJECT * 4);
                return Path.of(d.readString());
            case Tags.VERSION:
                d.charge(ValueDecoder.OBJECT * 4);
                String version = d.readString();
                if (version.length() > MAX_VERSION_LENGTH) {
                    throw in.malformed("a Runtime.Version of " + version.length() + " characters (at most "
                            + MAX_VERSION_LENGTH + ")");
                }
                if (!VersionSyntax.accepts(version)) {
                    throw in.malformed("not a Runtime.Version (as its toString() writes one): '" + version + "'");
                }
                return Runtime.Version.parse(version);
            default:
                throw new IllegalStateException("no JDK value tag: " + tag);
        }
    }

    /**
     * The BigInteger of the next {@code varint n, n bytes}: one of at most 8 bytes is made from a long (the object
     * and its magnitude of one or two ints); a larger one from the bytes read (charged for them and its magnitude).
     */
    private static BigInteger readBigInteger(ByteSource in, ValueDecoder d) {
        int n = readMagnitudeLength(in);
        if (n <= 8) {
            d.charge(BIG + ValueDecoder.ARRAY + 8);
            return BigInteger.valueOf(readLong(in, n));
        }
        d.charge(BIG + 2L * (ValueDecoder.ARRAY + n));
        byte[] bytes = new byte[n];
        in.readBytes(bytes);
        return new BigInteger(bytes);
    }

    /** A BigDecimal: one whose unscaled value fits in a long holds no BigInteger. */
    private static BigDecimal readBigDecimal(ByteSource in, ValueDecoder d) {
        int scale = in.readZigZagInt();
        int at = in.position();
        int n = readMagnitudeLength(in);
        if (n <= 8) {
            d.charge(BIG);
            return BigDecimal.valueOf(readLong(in, n), scale);
        }
        in.rewind(at);
        d.charge(BIG);
        return new BigDecimal(readBigInteger(in, d), scale);
    }

    private static int readMagnitudeLength(ByteSource in) {
        int n = in.readCount(1);
        if (n == 0) {
            throw in.malformed("a BigInteger of no bytes");
        }
        return n;
    }

    /** The {@code n} (1 to 8) next bytes as a big-endian two's complement number, sign-extended. */
    private static long readLong(ByteSource in, int n) {
        long v = (byte) in.readUnsignedByte();
        for (int i = 1; i < n; i++) {
            v = (v << 8) | in.readUnsignedByte();
        }
        return v;
    }

    private static long nanos(ByteSource in) {
        int nanos = in.readVarInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.malformed("nanoseconds " + (nanos & 0xFFFFFFFFL) + " (expected: 0..999999999)");
        }
        return nanos;
    }

    private static ZoneOffset readOffset(ByteSource in, ValueDecoder d) {
        int seconds = in.readZigZagInt();
        if (seconds % 900 != 0) {
            d.charge(OFFSET);
        }
        return ZoneOffset.ofTotalSeconds(seconds);
    }

    private static LocalDateTime readDateTime(ByteSource in) {
        LocalDate date = LocalDate.ofEpochDay(in.readZigZagLong());
        return LocalDateTime.of(date, LocalTime.ofNanoOfDay(in.readVarLong()));
    }

    private static boolean present(ByteSource in) {
        int b = in.readUnsignedByte();
        if (b > 1) {
            throw in.malformed("presence byte " + b + " (expected: 0 or 1)");
        }
        return b == 1;
    }

    private static String name(int tag) {
        switch (tag) {
            case Tags.DURATION:
                return "Duration";
            case Tags.INSTANT:
                return "Instant";
            case Tags.DATE:
                return "LocalDate";
            case Tags.TIME:
                return "LocalTime";
            case Tags.DATETIME:
                return "LocalDateTime";
            case Tags.OFFSET_DATETIME:
                return "OffsetDateTime";
            case Tags.ZONED_DATETIME:
                return "ZonedDateTime";
            case Tags.ZONE:
                return "ZoneId";
            case Tags.URI:
                return "URI";
            case Tags.BIGINT:
                return "BigInteger";
            case Tags.BIGDEC:
                return "BigDecimal";
            case Tags.PATH:
                return "Path";
            case Tags.VERSION:
                return "Runtime.Version";
            default:
                return "value";
        }
    }
}
