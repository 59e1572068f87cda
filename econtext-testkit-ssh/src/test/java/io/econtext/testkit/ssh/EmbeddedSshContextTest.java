package io.econtext.testkit.ssh;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;

import io.econtext.Context;
import io.econtext.testkit.junit.EcontextTest;
import io.econtext.testkit.junit.LocalContext;
import org.junit.jupiter.api.Test;

/** {@code @EmbeddedSshContext} as a user's test has it: a field and a parameter, beside a {@code @LocalContext}. */
@EcontextTest
class EmbeddedSshContextTest {
    @EmbeddedSshContext(name = "field-ssh")
    Context field;

    @Test
    void injectsContextsBootedOverTheEmbeddedServer(@EmbeddedSshContext Context param, @LocalContext Context local) {
        assertThat(field).isAlive().hasName("field-ssh");
        assertThat(param.call(() -> System.getProperty("econtext.name"))).isEqualTo(param.name());
        assertThat(param.info().pid()).isNotEqualTo(local.info().pid());
        assertThat(param.call(() -> ProcessHandle.current().pid()))
                .isEqualTo(param.info().pid());
    }
}
