package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MainTest {
    @Test
    void unknownViaSchemeIsAUsageErrorNamingTheSpecAndTheKnownSchemes() {
        MainRunner.Result r = MainRunner.run("ping", "--via", "nosuch:x");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err())
                .contains("nosuch:x")
                .contains("known schemes: local")
                .contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingCommandIsAUsageError() {
        MainRunner.Result r = MainRunner.run();

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("missing command");
    }

    @Test
    void unknownOptionIsAUsageError() {
        MainRunner.Result r = MainRunner.run("ping", "--no-such-option");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void connectTimeoutMustBePositive() {
        MainRunner.Result r = MainRunner.run("ping", "--connect-timeout", "0");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--connect-timeout: '0' (expected: seconds > 0");
    }

    @Test
    void failedBootExitsWithItsMessageAndNoStackTrace() {
        MainRunner.Result r = MainRunner.run("ping", "--java", "/nonexistent/bin/java");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err())
                .contains("/nonexistent/bin/java")
                .contains("not found")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void failedBootShowsTheStackTraceWithDebug() {
        MainRunner.Result r = MainRunner.run("ping", "--debug", "--java", "/nonexistent/bin/java");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).contains("JavaNotFoundException").contains("\tat ");
    }

    @Test
    void helpListsTheCommands() {
        MainRunner.Result r = MainRunner.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ping").contains("exec").contains("help");
    }

    @Test
    void subcommandsAcceptHelpAndVersion() {
        assertThat(MainRunner.run("ping", "-h").out()).contains("--via=SPEC");
        assertThat(MainRunner.run("exec", "--version").out()).startsWith("econtext ");
    }
}
