package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Signals to child processes, for tests that stop, resume or kill them for real. */
final class Signals {
    private Signals() {}

    /**
     * Sends {@code kill -NAME pid}. After STOP, waits until every thread of the process is stopped: {@code kill}
     * returns once the signal is queued, and on a loaded machine the process went on for a while (a call sent right
     * after was still answered).
     */
    static void send(String name, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        if (name.equals("STOP")) {
            assertThat(p.exitValue()).as("kill -STOP " + pid).isZero();
            assertThat(Eventually.holds(Duration.ofSeconds(5), () -> allThreadsStopped(pid)))
                    .as("every thread of " + pid + " stopped")
                    .isTrue();
        }
    }

    private static boolean allThreadsStopped(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.allMatch(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
                } catch (IOException e) {
                    return true; // the thread ended
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}
