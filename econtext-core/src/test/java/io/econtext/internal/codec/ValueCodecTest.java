package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.Sender;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    /** Resolves classes from the test class path and turns references into fakes, counting the calls. */
    static class FakeHooks implements CodecHooks {
        final AtomicInteger contextCalls = new AtomicInteger();
        final AtomicInteger senderCalls = new AtomicInteger();

        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            return Class.forName(binaryName, false, ValueCodecTest.class.getClassLoader());
        }

        @Override
        public Context context(int id, String name) {
            contextCalls.incrementAndGet();
            return fakeContext(id, name);
        }

        @Override
        public Sender<?> sender(int contextId, int handle) {
            senderCalls.incrementAndGet();
            return new FakeSender(contextId, handle);
        }
    }

    /** A context fake as a proxy, so that it keeps compiling as {@link Context} grows. */
    static Context fakeContext(int id, String name) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "id":
                    return id;
                case "name":
                    return name;
                case "toString":
                    return "FakeContext[" + id + ", " + name + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        return (Context)
                Proxy.newProxyInstance(ValueCodecTest.class.getClassLoader(), new Class<?>[] {Context.class}, handler);
    }

    /** A record on purpose: references must win over records. */
    static final class FakeSender implements Sender<Object> {
        private final int contextId;
        private final int handle;

        FakeSender(int contextId, int handle) {
            this.contextId = contextId;
            this.handle = handle;
        }

        @Override
        public void send(Object value) {}

        @Override
        public void close() {}

        @Override
        public int contextId() {
            return contextId;
        }

        @Override
        public int handle() {
            return handle;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FakeSender
                    && ((FakeSender) o).contextId == contextId
                    && ((FakeSender) o).handle == handle;
        }

        @Override
        public int hashCode() {
            return 31 * contextId + handle;
        }
    }

    /** A record on purpose: references must win over records. */
    record RecordSender(int contextId, int handle) implements Sender<Object> {
        @Override
        public void send(Object value) {}

        @Override
        public void close() {}
    }

    record Login(String user, Secret password, Object extra) {}

    private final FakeHooks hooks = new FakeHooks();
    private final ValueCodec codec = new ValueCodec(hooks);

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    private void assertRoundTrips(Object value) {
        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Test
    void roundTripsNullAndBooleans() {
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(true)).isEqualTo(Boolean.TRUE);
        assertThat(roundTrip(false)).isEqualTo(Boolean.FALSE);
    }

    @Test
    void roundTripsEveryBoxWithItsOwnType() {
        Object[] values = {
            (byte) -128,
            (byte) 127,
            (short) -32768,
            (short) 32767,
            'x',
            '\uffff',
            0,
            -1,
            1,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            0L,
            -1L,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            1.5f,
            Float.NaN,
            -0.0f,
            2.25d,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            -0.0d
        };
        for (Object value : values) {
            Object decoded = roundTrip(value);
            assertThat(decoded).isInstanceOf(value.getClass()).isEqualTo(value);
        }
    }

    @Test
    void keepsNegativeZeroAndNanBits() {
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(-0.0d))).isEqualTo(Double.doubleToRawLongBits(-0.0d));
        float oddNan = Float.intBitsToFloat(0x7fc00123);
        assertThat(Float.floatToRawIntBits((Float) roundTrip(oddNan))).isEqualTo(0x7fc00123);
    }

    @Test
    void roundTripsAsciiAndNonAsciiStrings() {
        assertRoundTrips("");
        assertRoundTrips("uptime");
        assertRoundTrips("héllo wörld ✓ 日本 \uD83D\uDE00");
        assertRoundTrips("x".repeat(100_000));
    }

    @Test
    void roundTripsPrimitiveArrays() {
        assertThat((byte[]) roundTrip(new byte[] {1, -2, 3})).containsExactly(1, -2, 3);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
        assertThat((int[]) roundTrip(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}))
                .containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
        assertThat((long[]) roundTrip(new long[] {Long.MIN_VALUE, 7, Long.MAX_VALUE}))
                .containsExactly(Long.MIN_VALUE, 7, Long.MAX_VALUE);
        assertThat((double[]) roundTrip(new double[] {1.5, -0.25})).containsExactly(1.5, -0.25);
    }

    @Test
    void roundTripsNestedCollections() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of(1, 2L, "three"));
        inner.put(42, Set.of());
        inner.put(null, null);
        List<Object> value = new ArrayList<>(Arrays.asList("a", null, inner, new LinkedHashSet<>(List.of("z", "y"))));

        Object decoded = roundTrip(value);

        assertThat(decoded).isInstanceOf(ArrayList.class).isEqualTo(value);
        Map<?, ?> decodedInner = (Map<?, ?>) ((List<?>) decoded).get(2);
        assertThat(decodedInner).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(decodedInner.keySet())).containsExactly("b", 42, null);
        assertThat(((List<?>) decoded).get(3)).isInstanceOf(LinkedHashSet.class);
    }

    @Test
    void keepsTheIterationOrderOfSetsAndMaps() {
        Set<String> sorted = new TreeSet<>(List.of("c", "a", "b"));
        Map<String, Integer> sortedMap = new TreeMap<>(Map.of("z", 1, "m", 2, "a", 3));

        Object decodedSet = roundTrip(sorted);
        assertThat(decodedSet).isInstanceOf(LinkedHashSet.class);
        assertThat(new ArrayList<Object>((Set<?>) decodedSet)).containsExactly("a", "b", "c");
        assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(sortedMap)).keySet()))
                .containsExactly("a", "m", "z");
    }

    @Test
    void roundTripsSecretWithoutRevealingIt() {
        Secret secret = Secret.of("hunter2 ✓".toCharArray());

        Object decoded = roundTrip(secret);

        assertThat(decoded).isInstanceOf(Secret.class).isEqualTo(secret).isNotSameAs(secret);
        assertThat(decoded.toString()).isEqualTo("****");
        assertThat(new String(((Secret) decoded).reveal())).isEqualTo("hunter2 ✓");
    }

    @Test
    void neverPutsASecretIntoAnErrorMessage() {
        Login login = new Login("root", Secret.of("hunter2".toCharArray()), new Object());

        assertThatThrownBy(() -> codec.encode(login))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("at Login.extra")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void decodesContextReferencesThroughTheHooks() {
        Context original = fakeContext(7, "local-7");

        Object decoded = roundTrip(original);

        assertThat(hooks.contextCalls).hasValue(1);
        assertThat(decoded).isInstanceOf(Context.class).isNotSameAs(original);
        assertThat(((Context) decoded).id()).isEqualTo(7);
        assertThat(((Context) decoded).name()).isEqualTo("local-7");
    }

    @Test
    void encodesASenderImplementedByARecordAsAReference() {
        Object decoded = roundTrip(new RecordAccessTest.Holder(new RecordSender(1, 2)));

        assertThat(hooks.senderCalls).hasValue(1);
        assertThat(decoded).isEqualTo(new RecordAccessTest.Holder(new FakeSender(1, 2)));
    }

    @Test
    void decodesSenderReferencesThroughTheHooks() {
        Object decoded = roundTrip(List.of(new FakeSender(3, 99)));

        assertThat(hooks.senderCalls).hasValue(1);
        assertThat(decoded).isEqualTo(List.of(new FakeSender(3, 99)));
    }

    @Test
    void rejectsAnUnsupportedTypeNamingIt() {
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(CodecException.class)
                .hasMessage("cannot encode value of type java.lang.Object at top level: " + CarriedTypes.CARRIED);
        assertThatThrownBy(() -> codec.encode(Thread.currentThread()))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode value of type java.lang.Thread at top level");
        assertThatThrownBy(() -> codec.encode(new Thread[] {}))
                .hasMessageStartingWith("cannot encode array of type java.lang.Thread[] at top level");
    }

    @Test
    void namesThePathToAnUnsupportedValueNestedInsideAList() {
        List<Object> value = List.of(1, 2, 3, Map.of("k", Thread.currentThread()));

        assertThatThrownBy(() -> codec.encode(value))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode value of type java.lang.Thread at list[3].map value:");
    }

    @Test
    void namesRecordComponentsAndSetElementsInThePath() {
        assertThatThrownBy(() -> codec.encode(new RecordAccessTest.Holder(Set.of(new StringBuilder()))))
                .hasMessageStartingWith("cannot encode value of type java.lang.StringBuilder at Holder.value.set[0]:");
        assertThatThrownBy(() -> codec.encode(Map.of(new Object(), 1)))
                .hasMessageStartingWith("cannot encode value of type java.lang.Object at map key:");
    }

    @Test
    void leavesTheSinkAsItWasWhenEncodingFails() {
        ByteSink out = new ByteSink(8);
        out.writeInt(0x01020304);

        assertThatThrownBy(() -> codec.encode(List.of("fine", "fine", new Object()), out))
                .isInstanceOf(CodecException.class);
        assertThat(out.size()).isEqualTo(4);
    }

    @Test
    void appendsPayloadsToASink() {
        ByteSink out = new ByteSink(0);
        out.writeInt(0);
        codec.encode("first", out);
        int second = out.size();
        codec.encode(List.of(1, 2), out);

        assertThat(codec.decode(out.array(), 4, second - 4)).isEqualTo("first");
        assertThat(codec.decode(out.array(), second, out.size() - second)).isEqualTo(List.of(1, 2));
    }

    @Test
    void startsEveryPayloadWithTheVersion() {
        assertThat(codec.encode(null)).containsExactly(ValueCodec.VERSION, Tags.NULL);
    }

    @Test
    void roundTripsNestingUpToTheLimit() {
        Object value = "leaf";
        for (int i = 0; i < ValueCodec.MAX_DEPTH; i++) {
            value = List.of(value);
        }

        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        Object value = "leaf";
        for (int i = 0; i <= ValueCodec.MAX_DEPTH; i++) {
            value = List.of(value);
        }
        Object tooDeep = value;

        assertThatThrownBy(() -> codec.encode(tooDeep))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void rejectsACollectionThatContainsItself() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);

        assertThatThrownBy(() -> codec.encode(loop))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("does a collection contain itself?");
    }
}
