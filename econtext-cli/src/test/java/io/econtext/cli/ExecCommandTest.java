package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExecCommandTest {
    @Test
    void exitsWithTheCommandsStatusAndKeepsItsStreamsApart() {
        MainRunner.Result r = MainRunner.run("exec", "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @Test
    void runsInTheLastHopOfTheChain() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to read the parent's command line");

        MainRunner.Result r = MainRunner.run(
                "exec", "--via", "local", "--via", "local", "--", "sh", "-c", "tr '\\0' ' ' < /proc/$PPID/cmdline");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("-Decontext.name=local-2 ");
    }

    @Test
    void optionsAfterTheCommandBelongToIt() {
        MainRunner.Result r = MainRunner.run("exec", "echo", "-n", "--via", "x");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("--via x");
    }

    @Test
    void commandThatCannotStartExitsWith127() {
        MainRunner.Result r = MainRunner.run("exec", "--", "/nonexistent/command");

        assertThat(r.exitCode()).isEqualTo(RemoteExec.CANNOT_RUN);
        assertThat(r.err()).contains("/nonexistent/command");
    }

    @Test
    void missingCommandIsAUsageError() {
        MainRunner.Result r = MainRunner.run("exec");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("CMD");
    }

    @Test
    void missingCommandAfterDoubleDashIsAUsageError() {
        MainRunner.Result r = MainRunner.run("exec", "--via", "local", "--");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void copiesBinaryOutputUnchanged() {
        MainRunner.Result r = MainRunner.run("exec", "--", "sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).hasSize(300_000).matches("x+");
    }
}
