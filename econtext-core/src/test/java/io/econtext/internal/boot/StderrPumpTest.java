package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.BootstrapException;
import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.util.JdkScheduler;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Frames;
import io.econtext.spi.BootCommand;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a child prints on stderr is read in lines of at most {@code StderrPump.MAX_LINE} chars: a child that prints
 * without a newline cannot grow the booting JVM's memory (before, one line held everything it printed: 20 MB here,
 * kept for the error report). The child is a real process; its stderr is the real pipe.
 */
@Timeout(60)
class StderrPumpTest {
    /** {@code StderrPump.MAX_LINE}. */
    private static final int LINE = 8192;

    private final JdkScheduler scheduler = new JdkScheduler("econtext-test-timer");

    @AfterEach
    void stopScheduler() {
        scheduler.shutdown();
    }

    @Test
    void aLineWithoutEndIsKeptInBoundedPieces() {
        BootstrapException failed = boot("head -c 20000000 /dev/zero | tr '\\000' x >&2; exit 3");

        assertThat(failed.exitStatus()).isEqualTo(3);
        assertThat(failed.outputTail().length()).isLessThanOrEqualTo(40 * (LINE + 1));
        String[] lines = failed.outputTail().split("\n");
        assertThat(lines).hasSize(40);
        for (String line : lines) {
            assertThat(line).hasSizeLessThanOrEqualTo(LINE).matches("x+");
        }
    }

    @Test
    void linesEndAtNewlineCarriageReturnOrBoth() {
        BootstrapException failed = boot("printf 'one\\ntwo\\r\\nthree\\rfour' >&2; exit 3");

        assertThat(failed.outputTail()).isEqualTo("one\ntwo\nthree\nfour");
    }

    private BootstrapException boot(String script) {
        Bootstrapper bootstrapper = new Bootstrapper(
                new RuntimeImage(new byte[16], new byte[16]),
                scheduler,
                new ValueCodec(CodecHooks.NONE),
                (c, s, l) -> {},
                new ProcessReaper());
        return catchThrowableOfType(
                () -> bootstrapper.boot(
                        new Script(script),
                        new Spec(),
                        new BootRequest(7, "noisy", new int[] {0}, Log.WARN, Frames.DEFAULT_MAX_FRAME)),
                BootstrapException.class);
    }

    /** Runs a script of its own instead of the boot command. */
    private static final class Script implements Transport<Spec> {
        private final String script;

        Script(String script) {
            this.script = script;
        }

        @Override
        public String scheme() {
            return "script";
        }

        @Override
        public Class<Spec> specType() {
            return Spec.class;
        }

        @Override
        public TransportProcess start(Spec spec, BootCommand command) throws IOException {
            return ProcessTransportProcess.start(List.of("/bin/sh", "-c", script), Map.of());
        }
    }

    private static final class Spec implements ConnectionSpec {
        @Override
        public String scheme() {
            return "script";
        }

        @Override
        public Context via() {
            return null;
        }

        @Override
        public ConnectionSpec withoutVia() {
            return this;
        }

        @Override
        public String javaPath() {
            return "java";
        }

        @Override
        public List<String> jvmOptions() {
            return List.of();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public String name() {
            return "noisy";
        }
    }
}
