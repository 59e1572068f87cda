package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.BootstrapException;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.boot.Bootstrapper;
import io.econtext.internal.boot.ProcessReaper;
import io.econtext.internal.boot.RuntimeImage;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.util.JdkScheduler;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.spi.BootCommand;
import io.econtext.spi.ProcessTransportProcess;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child that answers the handshake marker with a hello the master cannot read fails its boot with a
 * {@link BootstrapException} naming it, and its process is ended. Found by {@code HandshakeFuzzTest}: before, the boot
 * threw a ClassCastException, IndexOutOfBoundsException, NullPointerException or CodecException, and the process
 * was left running. The child here is a real process (sh) that prints the marker and a hostile hello, then waits.
 */
@Timeout(30)
class MalformedHelloTest {
    private final JdkScheduler scheduler = new JdkScheduler("econtext-test-timer");

    @AfterEach
    void stopScheduler() {
        scheduler.shutdown();
    }

    @Test
    void aHelloOfTheWrongShapeFailsTheBootAndEndsTheProcess() throws Exception {
        ValueCodec codec = new ValueCodec(Samples.HOOKS);
        assertBootFails(codec.encode(List.of(1L, "user")), "expected [pid, user, host, java.version, java.home]");
        assertBootFails(codec.encode(List.of("pid", "u", "h", "v", "j")), "expected [pid, user, host");
        assertBootFails(codec.encode("hello"), "got a String");
    }

    @Test
    void aHelloThatIsNotAPayloadFailsTheBootAndEndsTheProcess() throws Exception {
        assertBootFails(new byte[] {'g', 'a', 'r', 'b', 'a', 'g', 'e'}, "unsupported codec version 103");
    }

    private void assertBootFails(byte[] helloPayload, String why) throws Exception {
        byte[] frame = Frames.encode(Message.of(0, 7, 0, 0, 0, helloPayload));
        String script = "printf 'ECONTEXT-READY:1\\n'; printf '" + octalEscapes(frame) + "'; exec sleep 30";
        HostileChild transport = new HostileChild(script);
        Bootstrapper bootstrapper = new Bootstrapper(
                new RuntimeImage(new byte[16], new byte[16]),
                scheduler,
                new ValueCodec(Samples.HOOKS),
                (c, s, l) -> {},
                new ProcessReaper());

        assertThatThrownBy(() -> bootstrapper.boot(
                        transport,
                        new ScriptedTransport.Spec(),
                        new BootRequest(7, "hostile", new int[] {0}, Log.WARN, Frames.DEFAULT_MAX_FRAME)))
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("'hostile' answered its handshake with a malformed hello: ")
                .hasMessageContaining(why);
        TransportProcess process = transport.started.get();
        assertThat(process.waitFor(Duration.ofSeconds(5)))
                .as("the child's process ended")
                .isTrue();
    }

    private static String octalEscapes(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('\\').append(Integer.toOctalString(b & 0xff));
        }
        return out.toString();
    }

    /** Runs a script of its own instead of the boot command: a child whose code was replaced. */
    private static final class HostileChild implements Transport<ScriptedTransport.Spec> {
        private final String script;
        final AtomicReference<TransportProcess> started = new AtomicReference<>();

        HostileChild(String script) {
            this.script = script;
        }

        @Override
        public String scheme() {
            return "scripted";
        }

        @Override
        public Class<ScriptedTransport.Spec> specType() {
            return ScriptedTransport.Spec.class;
        }

        @Override
        public TransportProcess start(ScriptedTransport.Spec spec, BootCommand command) throws IOException {
            TransportProcess p = ProcessTransportProcess.start(List.of("/bin/sh", "-c", script), Map.of());
            started.set(p);
            return p;
        }
    }
}
