package io.econtext.internal.codec;

/**
 * The wire format of a value. A payload is one version byte ({@link ValueCodec#VERSION}) followed by exactly one
 * value; a value is one tag byte followed by its body:
 *
 * <pre>
 * tag   name       body
 * 0x00  NULL       -
 * 0x01  FALSE      -
 * 0x02  TRUE       -
 * 0x03  BYTE       1 byte
 * 0x04  SHORT      2 bytes, big-endian
 * 0x05  CHAR       2 bytes, big-endian UTF-16 unit
 * 0x06  INT        zigzag varint
 * 0x07  LONG       zigzag varlong
 * 0x08  FLOAT      4 bytes, big-endian IEEE 754 bits (raw, NaN payload kept)
 * 0x09  DOUBLE     8 bytes, big-endian IEEE 754 bits (raw)
 * 0x0A  STRING     str
 * 0x10  BYTES      varint n, n bytes
 * 0x11  INTS       varint n, n x 4 bytes, big-endian     (fixed width: copied in bulk, not one varint at a time)
 * 0x12  LONGS      varint n, n x 8 bytes, big-endian
 * 0x13  DOUBLES    varint n, n x 8 bytes, big-endian IEEE 754 bits (raw)
 * 0x14  CHARS      varint n, n x 2 bytes, big-endian UTF-16 units
 * 0x15  SHORTS     varint n, n x 2 bytes, big-endian
 * 0x16  FLOATS     varint n, n x 4 bytes, big-endian IEEE 754 bits (raw)
 * 0x17  BOOLEANS   varint n, n bytes (0 or 1)
 * 0x20  LIST       varint n, n values                  decodes to ArrayList
 * 0x21  SET        varint n, n values                  decodes to LinkedHashSet
 * 0x22  MAP        varint n, n x (key value, value)    decodes to LinkedHashMap
 * 0x23  ARRAY      str component, varint n, n values   an array of a reference type: component is the binary name of
 *                                                      its component type as Class.getName() spells it (String,
 *                                                      [J for long[][]), which the decoder checks is carried
 * 0x30  ENUM       str class, str constant
 * 0x31  RECORD     str class, varint n, n component values in declaration order
 * 0x32  THROWABLE  throwable                           decodes to RemoteThrowable
 * 0x33  LAMBDA     str capturingClass, str implClass, str implMethodName, str implMethodSignature,
 *                  varint implMethodKind, str instantiatedMethodType, varint n, n captured values
 *                                                      decodes to LambdaRef
 * 0x40  SECRET     varint n, n x 2-byte big-endian chars
 * 0x41  CONTEXT    varint id, str name
 * 0x42  SENDER     varint contextId, varint handle
 * 0x50  DURATION   zigzag varlong seconds, varint nanos
 * 0x51  INSTANT    zigzag varlong epoch seconds, varint nanos
 * 0x52  DATE       zigzag varlong epoch day                   LocalDate
 * 0x53  TIME       varlong nano of day                        LocalTime
 * 0x54  DATETIME   date, time                                 LocalDateTime (bodies of DATE and TIME)
 * 0x55  OFFSET_DT  date, time, zigzag varint offset seconds   OffsetDateTime
 * 0x56  ZONED_DT   date, time, zigzag varint offset seconds, str zone id   ZonedDateTime (keeps the instant)
 * 0x57  ZONE       str id                                     ZoneId; "+02:00" and "Z" decode to ZoneOffset
 * 0x58  UUID       8 bytes most, 8 bytes least significant bits, big-endian
 * 0x59  OPTIONAL   byte present (0 or 1), [value]
 * 0x5A  OPT_INT    byte present, [zigzag varint]
 * 0x5B  OPT_LONG   byte present, [zigzag varlong]
 * 0x5C  OPT_DOUBLE byte present, [8 bytes raw IEEE 754 bits]
 * 0x5D  URI        str                                        as URI.toString() spells it
 * 0x5E  BIGINT     varint n, n bytes two's complement, big-endian (BigInteger.toByteArray)
 * 0x5F  BIGDEC     zigzag varint scale, varint n, n bytes of the unscaled value as BIGINT
 * 0x60  PATH       str                                        a path name: decodes on the receiver's default
 *                                                             file system (Path.of)
 * 0x61  VERSION    str                                        Runtime.Version
 * 0x70  CUSTOM     str codec class, value                     a registered io.econtext.TypeCodec's carried form
 *
 * throwable = str className, nstr message, varint n, n x frame,
 *             byte hasCause (0 or 1), [throwable cause], varint m, m x throwable suppressed
 * frame     = str declaringClass, str methodName, nstr fileName, zigzag varint lineNumber,
 *             nstr classLoaderName, nstr moduleName, nstr moduleVersion
 *
 * varint = unsigned LEB128: 7 bits a byte, least significant group first, high bit set on all but the last byte
 * zigzag = (v &lt;&lt; 1) ^ (v &gt;&gt; 63), so small negative numbers stay short
 * str    = varint byte length, UTF-8 bytes
 * nstr   = varint (byte length + 1), UTF-8 bytes; 0 encodes null
 * </pre>
 *
 * Class names are binary names ({@code com.acme.Outer$Point}).
 */
final class Tags {
    static final int NULL = 0x00;
    static final int FALSE = 0x01;
    static final int TRUE = 0x02;
    static final int BYTE = 0x03;
    static final int SHORT = 0x04;
    static final int CHAR = 0x05;
    static final int INT = 0x06;
    static final int LONG = 0x07;
    static final int FLOAT = 0x08;
    static final int DOUBLE = 0x09;
    static final int STRING = 0x0A;

    static final int BYTES = 0x10;
    static final int INTS = 0x11;
    static final int LONGS = 0x12;
    static final int DOUBLES = 0x13;
    static final int CHARS = 0x14;
    static final int SHORTS = 0x15;
    static final int FLOATS = 0x16;
    static final int BOOLEANS = 0x17;

    static final int LIST = 0x20;
    static final int SET = 0x21;
    static final int MAP = 0x22;
    static final int ARRAY = 0x23;

    static final int ENUM = 0x30;
    static final int RECORD = 0x31;
    static final int THROWABLE = 0x32;
    static final int LAMBDA = 0x33;

    static final int SECRET = 0x40;
    static final int CONTEXT = 0x41;
    static final int SENDER = 0x42;

    static final int DURATION = 0x50;
    static final int INSTANT = 0x51;
    static final int DATE = 0x52;
    static final int TIME = 0x53;
    static final int DATETIME = 0x54;
    static final int OFFSET_DATETIME = 0x55;
    static final int ZONED_DATETIME = 0x56;
    static final int ZONE = 0x57;
    static final int UUID = 0x58;
    static final int OPTIONAL = 0x59;
    static final int OPTIONAL_INT = 0x5A;
    static final int OPTIONAL_LONG = 0x5B;
    static final int OPTIONAL_DOUBLE = 0x5C;
    static final int URI = 0x5D;
    static final int BIGINT = 0x5E;
    static final int BIGDEC = 0x5F;
    static final int PATH = 0x60;
    static final int VERSION = 0x61;

    static final int CUSTOM = 0x70;

    private Tags() {}
}
