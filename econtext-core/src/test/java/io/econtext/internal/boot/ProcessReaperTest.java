package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.spi.ProcessTransportProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reaping policy as real processes see it: EOF on stdin first, then SIGTERM, then SIGKILL, each bounded. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessReaperTest {

    private static ProcessTransportProcess start(String script) throws IOException, InterruptedException {
        ProcessTransportProcess p = ProcessTransportProcess.start(List.of("/bin/sh", "-c", script), Map.of());
        // the script says it is ready once its traps are set
        byte[] ready = p.stdout().readNBytes(6);
        assertThat(new String(ready, StandardCharsets.US_ASCII)).isEqualTo("ready\n");
        return p;
    }

    @Test
    void aProcessThatExitsAtEofOnStdinEndsByItselfWithinTheGrace() throws Exception {
        ProcessTransportProcess p = start("echo ready; cat >/dev/null; exit 7");
        long start = System.nanoTime();

        ProcessReaper.end(p, "eof");

        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitStatus()).as("its own status, no signal").isEqualTo(7);
        assertThat(millisSince(start)).isLessThan(ProcessReaper.GRACE_MILLIS);
    }

    @Test
    void aProcessThatIgnoresEofIsTerminatedAfterTheGrace() throws Exception {
        ProcessTransportProcess p = start("trap 'exit 9' TERM; echo ready; while :; do sleep 0.05; done");
        long start = System.nanoTime();

        ProcessReaper.end(p, "no-eof");

        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitStatus()).as("its SIGTERM trap ran").isEqualTo(9);
        assertThat(millisSince(start))
                .isGreaterThanOrEqualTo(ProcessReaper.GRACE_MILLIS)
                .isLessThan(ProcessReaper.GRACE_MILLIS + ProcessReaper.TERMINATE_MILLIS);
    }

    @Test
    void aProcessThatIgnoresEofAndSigtermIsKilledWithItsDescendants() throws Exception {
        ProcessTransportProcess p =
                start("trap '' TERM; echo ready; sleep 600 & echo $! >&2; while :; do sleep 0.05; done");
        long sleeper = Long.parseLong(new String(readLine(p), StandardCharsets.US_ASCII).strip());
        long start = System.nanoTime();

        ProcessReaper.end(p, "stubborn");

        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitStatus()).as("SIGKILL").isEqualTo(137);
        assertThat(millisSince(start))
                .isGreaterThanOrEqualTo(ProcessReaper.GRACE_MILLIS + ProcessReaper.TERMINATE_MILLIS)
                .isLessThanOrEqualTo(ProcessReaper.BOUND_MILLIS + 300);
        assertThat(runsAfter(sleeper, 2000)).as("its background child").isFalse();
    }

    @Test
    void reapingTwiceReapsOnceOnAThreadOfItsOwnAndAwaitIsBounded() throws Exception {
        ProcessReaper reaper = new ProcessReaper();
        ProcessTransportProcess p = start("trap '' TERM; echo ready; while :; do sleep 0.05; done");
        long start = System.nanoTime();

        reaper.reap(p, "twice");
        reaper.reap(p, "twice");

        assertThat(millisSince(start)).as("reap returns at once").isLessThan(100);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("econtext-reap-twice"))
                        .count())
                .isEqualTo(1);
        assertThat(reaper.await(List.of(p), 100)).as("still in its grace").isFalse();
        assertThat(reaper.awaitAll(ProcessReaper.BOUND_MILLIS + 2000)).isTrue();
        assertThat(p.exitStatus()).isEqualTo(137);
    }

    private static byte[] readLine(ProcessTransportProcess p) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = p.stderr().read(); b != -1 && b != '\n'; b = p.stderr().read()) {
            line.write(b);
        }
        return line.toByteArray();
    }

    /** Whether {@code pid} still runs after up to {@code millis}; a zombie nobody reaped runs nothing. */
    private static boolean runsAfter(long pid, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            String state;
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (state.equals("Z") || state.equals("X")) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                return true;
            }
            Thread.sleep(20);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
