package io.econtext.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.RemoteCallable;
import org.junit.jupiter.api.Test;

class CallTargetTest {
    @Test
    void namesTheMethodAMethodReferenceRefersTo() {
        CallTarget t = CallTarget.of(StubProbes::hostname);

        assertThat(t.className()).isEqualTo(StubProbes.class.getName());
        assertThat(t.methodName()).isEqualTo("hostname");
        assertThat(t.descriptor()).isEqualTo("()Ljava/lang/String;");
        assertThat(t.isLambda()).isFalse();
        assertThat(t).hasToString(StubProbes.class.getName() + ".hostname");
    }

    @Test
    void namesTheSyntheticMethodOfALambdaWhateverItCaptured() {
        CallTarget bob = CallTarget.of(StubProbes.greeting("bob"));
        RemoteCallable<String> elsewhere = () -> StubProbes.greet("bob");

        assertThat(bob.isLambda()).isTrue();
        assertThat(bob).isEqualTo(CallTarget.of(StubProbes.greeting("alice")));
        assertThat(bob.matches(CallTarget.of(elsewhere))).isFalse();
        assertThat(bob.matches(CallTarget.of(StubProbes.class, "greet"))).isFalse();
    }

    @Test
    void matchesTheMethodCallFormWhateverTheDescriptor() {
        CallTarget byName = CallTarget.of(StubProbes.class, "hostname");

        assertThat(byName.descriptor()).isNull();
        assertThat(byName.matches(CallTarget.of(StubProbes::hostname))).isTrue();
        assertThat(CallTarget.of(StubProbes::hostname).matches(byName)).isTrue();
        assertThat(byName.matches(CallTarget.of(StubProbes::pid))).isFalse();
        assertThat(CallTarget.of(StubProbes::halt).matches(CallTarget.of(StubProbes.class, "halt")))
                .isTrue();
    }
}
