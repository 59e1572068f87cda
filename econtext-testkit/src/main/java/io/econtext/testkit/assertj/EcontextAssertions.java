package io.econtext.testkit.assertj;

import io.econtext.Context;
import io.econtext.RemoteCallException;
import io.econtext.testkit.ContextLogs;
import io.econtext.testkit.OutputCapture;
import org.assertj.core.api.Assertions;

/**
 * Entry point of the econtext assertions; it extends AssertJ's {@link Assertions}, so one static import gives both.
 *
 * <pre>{@code
 * import static io.econtext.testkit.assertj.EcontextAssertions.assertThat;
 * import static io.econtext.testkit.assertj.EcontextAssertions.catchThrowableOfType;
 *
 * assertThat(worker).isAlive().hasName("worker").runsAs("deploy");
 * RemoteCallException e = catchThrowableOfType(RemoteCallException.class,
 *         () -> worker.call(() -> Files.size(Path.of("/nope"))));
 * assertThat(e).hasRemoteType(NoSuchFileException.class).hasRemoteMessageContaining("/nope");
 * assertThat(output).hasStdoutLine(worker, "started");      // waits up to 10 s for the line
 * worker.shutdown();
 * assertThat(worker).isDead();                              // waits up to 5 s
 * }</pre>
 */
public class EcontextAssertions extends Assertions {
    /** Only for subclasses that add entry points of their own, as AssertJ's own {@code Assertions} allows. */
    protected EcontextAssertions() {}

    /** Assertions on a context: alive, dead (waiting), its name and user. */
    public static ContextAssert assertThat(Context actual) {
        return new ContextAssert(actual);
    }

    /** Assertions on what a failed remote call carries: the remote exception's class name and message. */
    public static RemoteCallAssert assertThat(RemoteCallException actual) {
        return new RemoteCallAssert(actual);
    }

    /** Assertions on the lines contexts printed, waiting for them to arrive. */
    public static OutputCaptureAssert assertThat(OutputCapture actual) {
        return new OutputCaptureAssert(actual);
    }

    /** Assertions on the log records a context forwarded, collected by {@link ContextLogs}. */
    public static ContextLogsAssert assertThat(ContextLogs actual) {
        return new ContextLogsAssert(actual);
    }
}
