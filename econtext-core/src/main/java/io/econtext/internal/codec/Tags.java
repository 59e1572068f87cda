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
 * 0x20  LIST       varint n, n values                  decodes to ArrayList
 * 0x21  SET        varint n, n values                  decodes to LinkedHashSet
 * 0x22  MAP        varint n, n x (key value, value)    decodes to LinkedHashMap
 * 0x30  ENUM       str class, str constant
 * 0x31  RECORD     str class, varint n, n component values in declaration order
 * 0x32  THROWABLE  throwable                           decodes to RemoteThrowable
 * 0x33  LAMBDA     str capturingClass, str implClass, str implMethodName, str implMethodSignature,
 *                  varint implMethodKind, str instantiatedMethodType, varint n, n captured values
 *                                                      decodes to LambdaRef
 * 0x40  SECRET     varint n, n x 2-byte big-endian chars
 * 0x41  CONTEXT    varint id, str name
 * 0x42  SENDER     varint contextId, varint handle
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

    static final int LIST = 0x20;
    static final int SET = 0x21;
    static final int MAP = 0x22;

    static final int ENUM = 0x30;
    static final int RECORD = 0x31;
    static final int THROWABLE = 0x32;
    static final int LAMBDA = 0x33;

    static final int SECRET = 0x40;
    static final int CONTEXT = 0x41;
    static final int SENDER = 0x42;

    private Tags() {}
}
