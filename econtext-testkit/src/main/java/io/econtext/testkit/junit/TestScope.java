package io.econtext.testkit.junit;

import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.testkit.OutputCapture;
import org.slf4j.LoggerFactory;

/**
 * What the extension started for one test: its router (made on first use, with an {@link OutputCapture} that also logs
 * each line under {@code econtext.ctx.NAME}, as a router without output does) and the processes that ran before it.
 */
final class TestScope {
    private final ProcessLeaks leaks;
    private final OutputCapture output = OutputCapture.forwardingTo((ctx, stream, line) ->
            LoggerFactory.getLogger("econtext.ctx." + ctx.name()).info("{}: {}", stream, line));
    private Router router;

    TestScope(ProcessLeaks leaks) {
        this.leaks = leaks;
    }

    ProcessLeaks leaks() {
        return leaks;
    }

    OutputCapture output() {
        return output;
    }

    synchronized Router router() {
        if (router == null) {
            router = Econtext.newRouter(RouterOptions.defaults().withOutput(output));
        }
        return router;
    }

    /** Closes the router, if one was made: every context of the test is shut down. */
    synchronized void close() {
        if (router != null) {
            router.close();
        }
    }
}
