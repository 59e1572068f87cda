package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.Sender;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Malformed payloads: whatever the bytes, decoding returns a value or throws {@link CodecException}, nothing else. */
class ValueDecoderTest {
    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    private static byte[] payload(ByteSink body) {
        ByteSink out = new ByteSink();
        out.writeByte(ValueCodec.VERSION);
        out.writeBytes(body.array(), 0, body.size());
        return out.toByteArray();
    }

    private AbstractThrowableAssert<?, ?> assertDecodeFails(byte[] data) {
        return assertThatThrownBy(() -> codec.decode(data, 0, data.length)).isInstanceOf(CodecException.class);
    }

    /** Decodes, accepting any value or a CodecException; anything else escaping fails the test. */
    private void decodeOrCodecException(byte[] data) {
        try {
            codec.decode(data, 0, data.length);
        } catch (CodecException expected) {
            // fine
        } catch (Throwable t) {
            fail("decoding " + Arrays.toString(data) + " threw " + t, t);
        }
    }

    private byte[] richPayload() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("point", new RecordAccessTest.Point(1, -2));
        map.put("color", RecordAccessTest.Color.GREEN);
        map.put("error", new IllegalStateException("boom", new RuntimeException("root")));
        map.put("secret", Secret.of("pw".toCharArray()));
        map.put("refs", List.of(ValueCodecTest.fakeContext(1, "c"), new ValueCodecTest.FakeSender(1, 2)));
        map.put("numbers", List.of((byte) 1, (short) 2, 'c', 4, 5L, 6f, 7d, true, false));
        map.put("arrays", List.of(new byte[] {1}, new int[] {2}, new long[] {3}, new double[] {4}));
        map.put("set", Set.of("é"));
        map.put(null, null);
        return codec.encode(map);
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertDecodeFails(new byte[0]).hasMessage("malformed payload: empty");
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertDecodeFails(new byte[] {2, Tags.NULL})
                .hasMessageStartingWith("unsupported codec version 2 (expected: 1)");
        assertDecodeFails(new byte[] {(byte) 0xFF}).hasMessageStartingWith("unsupported codec version 255");
    }

    @Test
    void rejectsTrailingBytes() {
        assertDecodeFails(new byte[] {ValueCodec.VERSION, Tags.NULL, 0, 0})
                .hasMessage("malformed payload: 2 trailing bytes after the value");
    }

    @Test
    void rejectsAnUnknownTag() {
        assertDecodeFails(new byte[] {ValueCodec.VERSION, 0x7F})
                .hasMessage("malformed payload at offset 0: unknown tag 0x7f");
    }

    @Test
    void rejectsEveryTruncationOfAValidPayload() {
        byte[] full = richPayload();
        assertThat(codec.decode(full, 0, full.length)).isInstanceOf(Map.class);

        for (int length = 0; length < full.length; length++) {
            int n = length;
            assertThatThrownBy(() -> codec.decode(full, 0, n))
                    .as("prefix of %d bytes", n)
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void survivesRandomGarbage() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 200_000; i++) {
            byte[] data = new byte[1 + random.nextInt(48)];
            random.nextBytes(data);
            data[0] = ValueCodec.VERSION;
            if (random.nextBoolean()) {
                // Bias towards real tags so that the decoder gets deeper than the first byte.
                for (int j = 1; j < data.length; j++) {
                    data[j] = (byte) random.nextInt(0x44);
                }
            }
            decodeOrCodecException(data);
        }
    }

    @Test
    void survivesRandomMutationsOfAValidPayload() {
        byte[] full = richPayload();
        Random random = new Random(7L);
        for (int i = 0; i < 50_000; i++) {
            byte[] data = full.clone();
            int flips = 1 + random.nextInt(4);
            for (int j = 0; j < flips; j++) {
                data[1 + random.nextInt(data.length - 1)] = (byte) random.nextInt(256);
            }
            decodeOrCodecException(data);
        }
    }

    @Test
    void rejectsHugeDeclaredLengthsWithoutAllocating() {
        int[] countedTags = {
            Tags.STRING, Tags.BYTES, Tags.INTS, Tags.LONGS, Tags.DOUBLES, Tags.LIST, Tags.SET, Tags.MAP, Tags.SECRET
        };
        for (int tag : countedTags) {
            ByteSink body = new ByteSink();
            body.writeByte(tag);
            body.writeVarInt(Integer.MAX_VALUE);
            body.writeBytes(new byte[16]);

            assertDecodeFails(payload(body)).hasMessageContaining("declared count 2147483647");
        }
    }

    @Test
    void rejectsHugeCountsInsideRecordsLambdasAndThrowables() {
        ByteSink record = new ByteSink();
        record.writeByte(Tags.RECORD);
        record.writeUtf8(RecordAccessTest.Point.class.getName());
        record.writeVarInt(-1);
        assertDecodeFails(payload(record)).hasMessageContaining("declared count 4294967295");

        ByteSink throwable = new ByteSink();
        throwable.writeByte(Tags.THROWABLE);
        throwable.writeUtf8("java.lang.Error");
        throwable.writeVarInt(0);
        throwable.writeVarInt(1_000_000);
        assertDecodeFails(payload(throwable)).hasMessageContaining("declared count 1000000");

        ByteSink lambda = new ByteSink();
        lambda.writeBytes(new byte[] {Tags.LAMBDA, 1, 'a', 1, 'b', 1, 'c', 1, 'd', 6, 1, 'e'});
        lambda.writeVarInt(Integer.MAX_VALUE);
        assertDecodeFails(payload(lambda)).hasMessageContaining("declared count 2147483647");
    }

    @Test
    void boundsTheNestingDepthOfDecodedValues() {
        byte[] data = new byte[1 + 2 * 100_000];
        data[0] = ValueCodec.VERSION;
        for (int i = 1; i < data.length; i += 2) {
            data[i] = Tags.LIST;
            data[i + 1] = 1;
        }

        assertDecodeFails(data).hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void boundsTheNestingDepthOfDecodedCauses() {
        ByteSink body = new ByteSink();
        body.writeByte(Tags.THROWABLE);
        for (int i = 0; i < 100; i++) {
            body.writeUtf8("java.lang.Error");
            body.writeVarInt(0);
            body.writeVarInt(0);
            body.writeByte(1);
        }

        assertDecodeFails(payload(body)).hasMessageContaining("causes nested deeper than 16 levels");
    }

    @Test
    void rejectsARecordWhoseClassCannotBeResolved() {
        ByteSink body = new ByteSink();
        body.writeByte(Tags.RECORD);
        body.writeUtf8("com.nowhere.Missing");
        body.writeVarInt(0);

        assertDecodeFails(payload(body))
                .hasMessageStartingWith("cannot decode record com.nowhere.Missing: class not found here");
    }

    @Test
    void rejectsAnEnumWhoseClassCannotBeResolvedOrIsNotAnEnum() {
        assertDecodeFails(enumPayload("com.nowhere.Color", "RED"))
                .hasMessageStartingWith("cannot decode enum com.nowhere.Color: class not found here");
        assertDecodeFails(enumPayload("java.lang.String", "RED"))
                .hasMessage("cannot decode enum java.lang.String: the class here is not an enum");
        assertDecodeFails(enumPayload(RecordAccessTest.Color.class.getName(), "PURPLE"))
                .hasMessageEndingWith("it has no constant PURPLE here");
    }

    private static byte[] enumPayload(String className, String constant) {
        ByteSink body = new ByteSink();
        body.writeByte(Tags.ENUM);
        body.writeUtf8(className);
        body.writeUtf8(constant);
        return payload(body);
    }

    @Test
    void rejectsARecordWhoseShapeDoesNotMatchTheClassHere() {
        ByteSink notARecord = new ByteSink();
        notARecord.writeByte(Tags.RECORD);
        notARecord.writeUtf8("java.lang.String");
        notARecord.writeVarInt(0);
        assertDecodeFails(payload(notARecord))
                .hasMessage("cannot decode record java.lang.String: the class here is not" + " a record");

        ByteSink tooFew = new ByteSink();
        tooFew.writeByte(Tags.RECORD);
        tooFew.writeUtf8(RecordAccessTest.Point.class.getName());
        tooFew.writeVarInt(1);
        tooFew.writeByte(Tags.NULL);
        assertDecodeFails(payload(tooFew)).hasMessageEndingWith("payload carries 1 components, the class here has 2");

        ByteSink wrongTypes = new ByteSink();
        wrongTypes.writeByte(Tags.RECORD);
        wrongTypes.writeUtf8(RecordAccessTest.Point.class.getName());
        wrongTypes.writeVarInt(2);
        wrongTypes.writeByte(Tags.STRING);
        wrongTypes.writeUtf8("x");
        wrongTypes.writeByte(Tags.NULL);
        assertDecodeFails(payload(wrongTypes)).hasMessageContaining("components do not match its constructor");
    }

    @Test
    void wrapsAFailingHookInACodecException() {
        ValueCodec failing = new ValueCodec(new ValueCodecTest.FakeHooks() {
            @Override
            public Context context(int id, String name) {
                throw new IllegalStateException("no route to context " + id);
            }

            @Override
            public Sender<?> sender(int contextId, int handle) {
                throw new IllegalStateException("no such handle");
            }
        });
        byte[] context = codec.encode(ValueCodecTest.fakeContext(5, "local-5"));
        byte[] sender = codec.encode(new ValueCodecTest.FakeSender(5, 6));

        assertThatThrownBy(() -> failing.decode(context, 0, context.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("no route to context 5");
        assertThatThrownBy(() -> failing.decode(sender, 0, sender.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("no such handle");
    }
}
