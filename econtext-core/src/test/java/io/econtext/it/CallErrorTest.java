package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An error thrown by a call reaches its caller once: returned, not logged in the child as well. */
@Timeout(60)
class CallErrorTest {
    @Test
    void aStackOverflowInACallIsReturnedAndNotAlsoLogged() throws Exception {
        try (Router router = Econtext.newRouter();
                HostileControlTrafficTest.Capture log = HostileControlTrafficTest.Capture.of("econtext.ctx.deep")) {
            Context c = router.connect(Local.spec().name("deep"));

            Throwable failed = catchThrowable(() -> c.call(() -> recurse(0)));
            assertThat(c.call(() -> "after")).isEqualTo("after"); // a log record would have come before this answer
            Thread.sleep(200);

            assertThat(failed).isInstanceOf(RemoteCallException.class);
            assertThat(((RemoteCallException) failed).remoteClassName()).isEqualTo(StackOverflowError.class.getName());
            assertThat(log.messages())
                    .as("what the child logged about the call")
                    .isEmpty();
        }
    }

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
