package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class LambdaAccessTest {
    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());
    private final String field = "instance state";

    static final class Probe {
        static String x() {
            return "x";
        }
    }

    private LambdaRef roundTrip(Object lambda) {
        byte[] payload = codec.encode(lambda);
        Object decoded = codec.decode(payload, 0, payload.length);
        assertThat(decoded).isInstanceOf(LambdaRef.class);
        return (LambdaRef) decoded;
    }

    @Test
    void decodesAStaticMethodReferenceToLambdaRef() {
        RemoteCallable<String> ref = Probe::x;

        LambdaRef decoded = roundTrip(ref);

        assertThat(decoded.capturingClass()).isEqualTo(LambdaAccessTest.class.getName());
        assertThat(decoded.implClass()).isEqualTo(Probe.class.getName()).contains("$Probe");
        assertThat(decoded.implMethodName()).isEqualTo("x");
        assertThat(decoded.implMethodSignature()).isEqualTo("()Ljava/lang/String;");
        assertThat(decoded.implMethodKind()).isEqualTo(MethodHandleInfo.REF_invokeStatic);
        assertThat(decoded.instantiatedMethodType()).isEqualTo("()Ljava/lang/String;");
        assertThat(decoded.capturedArgs()).isEmpty();
    }

    @Test
    void decodesACapturingLambdaWithItsCapturedValues() {
        int a = 2;
        int b = 3;
        RemoteCallable<Integer> sum = () -> a + b;

        LambdaRef decoded = roundTrip(sum);

        assertThat(decoded.implClass()).isEqualTo(LambdaAccessTest.class.getName());
        assertThat(decoded.implMethodName()).startsWith("lambda$");
        assertThat(decoded.implMethodSignature()).isEqualTo("(II)Ljava/lang/Integer;");
        assertThat(decoded.implMethodKind()).isEqualTo(MethodHandleInfo.REF_invokeStatic);
        assertThat(decoded.capturedArgs()).containsExactly(2, 3);
    }

    @Test
    void encodesCapturedValuesOfAnySupportedType() {
        String s = "host";
        List<Object> list = List.of(1L, "two");
        RemoteRunnable run = () -> System.out.println(s + list);

        LambdaRef decoded = roundTrip(run);

        assertThat(decoded.capturedArgs()).containsExactly("host", List.of(1L, "two"));
        assertThat(decoded.instantiatedMethodType()).isEqualTo("()V");
    }

    @Test
    void acceptsAnIntersectionCastWithSerializable() {
        Runnable run = (Runnable & Serializable) () -> {};

        assertThat(roundTrip(run).capturedArgs()).isEmpty();
    }

    @Test
    void encodesTheSameLambdaClassRepeatedly() {
        for (int i = 0; i < 3; i++) {
            int captured = i;
            RemoteCallable<Integer> fn = () -> captured;
            assertThat(roundTrip(fn).capturedArgs()).containsExactly(i);
        }
    }

    @Test
    void rejectsANonSerializableLambda() {
        Callable<String> plain = () -> "x";

        assertThatThrownBy(() -> codec.encode(plain))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("lambda is not serializable: declare it as RemoteCallable/RemoteRunnable or"
                        + " cast to an intersection with Serializable");
        assertThatThrownBy(() -> codec.encode(List.of((Runnable) () -> {})))
                .hasMessageStartingWith("lambda is not serializable")
                .hasMessageContaining("at list[0]");
    }

    @Test
    void namesTheCapturedValueThatCannotBeEncoded() {
        RemoteCallable<String> capturesThis = () -> field;
        Thread thread = Thread.currentThread();
        RemoteCallable<String> capturesAThread = () -> thread.getName();

        assertThatThrownBy(() -> codec.encode(capturesThis))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith(
                        "cannot encode a lambda at top level: it captured this (class LambdaAccessTest)");
        assertThatThrownBy(() -> codec.encode(capturesAThread))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode value of type java.lang.Thread at lambda captured[0]:");
    }

    @Test
    void keepsNullCapturedValues() {
        String nothing = null;
        RemoteCallable<String> fn = () -> nothing;

        assertThat(roundTrip(fn).capturedArgs()).containsExactly((Object) null);
    }

    @Test
    void reusesTheDecodedIdentityOfARepeatedLambda() {
        int a = 1;
        RemoteCallable<Integer> fn = () -> a;

        LambdaRef first = roundTrip(fn);
        LambdaRef second = roundTrip(fn);

        assertThat(second).isEqualTo(first);
        assertThat(second.implClass()).isSameAs(first.implClass());
        assertThat(second.implMethodName()).isSameAs(first.implMethodName());
    }

    @Test
    void keepsAlternatingLambdasApart() {
        RemoteCallable<String> ref = Probe::x;
        RemoteCallable<String> other = () -> "y";
        RemoteRunnable third = () -> {};

        for (int i = 0; i < 3; i++) {
            assertThat(roundTrip(ref).implMethodName()).isEqualTo("x");
            assertThat(roundTrip(other).implMethodName()).startsWith("lambda$");
            assertThat(roundTrip(third).instantiatedMethodType()).isEqualTo("()V");
        }
    }
}
