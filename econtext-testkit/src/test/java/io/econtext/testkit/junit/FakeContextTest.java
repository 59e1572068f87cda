package io.econtext.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.testkit.fake.Counter;
import org.junit.jupiter.api.Test;

@EcontextTest
class FakeContextTest {
    @FakeContext(name = "field")
    Context field;

    @Test
    void injectsFakeContextsAsFieldsAndParameters(Router router, @FakeContext Context parameter) {
        assertThat(field.name()).isEqualTo("field");
        assertThat(field.router()).isSameAs(router);
        assertThat(parameter.router()).isSameAs(router);
        assertThat(field.info().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(field.call(Counter::increment)).isEqualTo(1);
        assertThat(parameter.call(Counter::increment)).isEqualTo(1);
        assertThat(field.call(Counter::increment)).isEqualTo(2);
    }
}
