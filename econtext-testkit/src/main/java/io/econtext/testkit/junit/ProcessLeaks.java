package io.econtext.testkit.junit;

import io.econtext.testkit.LocalProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The descendant processes of this JVM that a test left running: the snapshot taken before it, the bounded wait for
 * the new ones to end, their description and their end.
 */
final class ProcessLeaks {
    private static final int COMMAND_LINE_LIMIT = 240;
    private static final Duration KILL_BOUND = Duration.ofSeconds(5);

    private final Set<ProcessHandle> before;

    private ProcessLeaks(Set<ProcessHandle> before) {
        this.before = before;
    }

    /** Remembers the processes that run now; they are never counted as leaks. */
    static ProcessLeaks snapshot() {
        return new ProcessLeaks(descendants());
    }

    /** Waits up to {@code bound} for the processes started since the snapshot to end; returns those still running. */
    List<ProcessHandle> survivorsAfter(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<ProcessHandle> running = descendants().stream()
                    .filter(p -> !before.contains(p) && LocalProcesses.isRunning(p.pid()))
                    .sorted(Comparator.comparingLong(ProcessHandle::pid))
                    .collect(Collectors.toList());
            if (running.isEmpty() || System.nanoTime() > deadline) {
                return running;
            }
            Thread.sleep(50);
        }
    }

    /**
     * One line per process: {@code pid 1234: java -cp ...}, the command line with its white space collapsed and cut
     * at 240 characters.
     */
    static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(p -> "pid " + p.pid() + ": " + commandLine(p))
                .collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** Kills the processes and their descendants with SIGKILL and waits (bounded) until they are gone. */
    static void kill(List<ProcessHandle> processes) throws InterruptedException {
        List<ProcessHandle> all = processes.stream()
                .flatMap(p -> Stream.concat(p.descendants(), Stream.of(p)))
                .distinct()
                .collect(Collectors.toList());
        all.forEach(ProcessHandle::destroyForcibly);
        LocalProcesses.stillRunningAfter(
                KILL_BOUND, all.stream().map(ProcessHandle::pid).collect(Collectors.toList()));
    }

    private static Set<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().collect(Collectors.toSet());
    }

    private static String commandLine(ProcessHandle p) {
        String line;
        try {
            // /proc has the arguments as they are; ProcessHandle.Info may hold only the executable
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            line = new String(raw, StandardCharsets.UTF_8);
        } catch (IOException e) {
            line = "";
        }
        if (line.isEmpty()) {
            line = p.info().commandLine().or(() -> p.info().command()).orElse("(command line unknown)");
        }
        // one line per process: a shell's script argument spans many
        line = line.replaceAll("[\\s\\x00]+", " ").strip();
        return line.length() <= COMMAND_LINE_LIMIT ? line : line.substring(0, COMMAND_LINE_LIMIT) + "...";
    }
}
