package io.econtext.testkit.junit;

import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.testkit.OutputCapture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the extension injects, used as users use it; its teardown and leak check run in EcontextExtensionRunTest. */
@EcontextTest
class EcontextExtensionTest {
    @Test
    void bootsEachAnnotatedParameterThroughTheTestsRouter(
            Router router, @LocalContext(name = "worker") Context worker, @LocalContext Context other) {
        assertThat(worker).isAlive().hasName("worker").runsAs(System.getProperty("user.name"));
        assertThat(worker.router()).isSameAs(router);
        assertThat(other.router()).isSameAs(router);
        assertThat(other.name()).isNotEqualTo("worker");
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .contains(worker.info().pid(), other.info().pid());
    }

    @Test
    void injectsTheOutputOfTheTestsRouter(@LocalContext Context c, OutputCapture output) {
        c.callNoReply(() -> System.out.println("printed in the child"));

        assertThat(output).hasStdoutLine(c, "printed in the child");
    }

    @Test
    void givesTheSameRouterToEveryParameterOfOneTest(Router a, Router b) {
        assertThat(a).isSameAs(b);
    }

    @Nested
    class AnnotatedFields {
        @LocalContext(name = "from-field")
        Context field;

        @Test
        void areBootedBeforeTheTest(Router router) {
            assertThat(field).isAlive().hasName("from-field");
            assertThat(field.router()).isSameAs(router);
        }
    }
}
