package io.econtext.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.econtext.BootstrapException;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.boot.Bootstrapper;
import io.econtext.internal.boot.ProcessReaper;
import io.econtext.internal.boot.RuntimeImage;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.util.JdkScheduler;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Frames;
import java.util.Arrays;

/**
 * Fuzzes the booting side of the handshake, {@link Bootstrapper#boot}: what a child prints before the protocol starts
 * (junk, then {@code ECONTEXT-READY:1\n}), its hello frame, its stderr and its exit status, which the failure diagnosis
 * reads. Input layout:
 *
 * <pre>
 * +----------------------------------------+-------------+------------+---------------+--------------------+
 * | u8 setup: bits 0-2 read chunk 1..128 B | u8 exit     | u16 n      | n bytes       | stdout: junk,      |
 * |   bit 3: the process keeps running     |   status    |            |   stderr      | marker, hello ...  |
 * +----------------------------------------+-------------+------------+---------------+--------------------+
 * </pre>
 *
 * Contract: a booted stream, or a {@link BootstrapException} (or a subclass) that says why; either way, a process that
 * did not boot is not left running.
 */
class HandshakeFuzzTest {
    private static final JdkScheduler SCHEDULER = new JdkScheduler("econtext-fuzz-timer");
    private static final Bootstrapper BOOTSTRAPPER;

    static {
        Log.install(new Log.Sink() {
            @Override
            public boolean isEnabled(String logger, int level) {
                return false;
            }

            @Override
            public void log(String logger, int level, String message, Throwable error) {}
        });
        BOOTSTRAPPER = new Bootstrapper(
                new RuntimeImage(new byte[16], new byte[16]),
                SCHEDULER,
                new ValueCodec(Samples.HOOKS),
                (contextId, stream, line) -> {},
                new ProcessReaper());
    }

    @FuzzTest
    void bootsOrFailsWithBootstrapException(byte[] input) {
        int setup = input.length > 0 ? input[0] & 0xff : 0;
        Integer exit = (setup & 8) != 0 ? null : Integer.valueOf(input.length > 1 ? input[1] & 0xff : 0);
        int stderrLength =
                input.length > 3 ? Math.min(((input[2] & 0xff) << 8) | (input[3] & 0xff), input.length - 4) : 0;
        byte[] stderr = Arrays.copyOfRange(input, Math.min(4, input.length), Math.min(4, input.length) + stderrLength);
        int stdoutStart = Math.min(input.length, 4 + stderrLength);
        ScriptedTransport.ScriptedProcess process =
                new ScriptedTransport.ScriptedProcess(new Trickle(input, stdoutStart, 1 << (setup & 7)), stderr, exit);
        BootRequest request = new BootRequest(7, "fuzzed", new int[] {0}, Log.WARN, Frames.DEFAULT_MAX_FRAME);
        try {
            Bootstrapper.Booted booted =
                    BOOTSTRAPPER.boot(new ScriptedTransport(process), new ScriptedTransport.Spec(), request);
            assertThat(booted.info().name()).isEqualTo("fuzzed");
            assertThat(booted.stream().remoteId()).isEqualTo(7);
        } catch (BootstrapException failed) {
            assertThat(process.isAlive())
                    .as("a process that failed to boot is still running")
                    .isFalse();
            assertThat(failed.getMessage()).contains("fuzzed");
        } finally {
            process.kill();
        }
    }
}
