package io.econtext.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;

/**
 * Questions tests ask about processes on this machine, answered from {@code /proc}: is it still running (a zombie is
 * not: it runs nothing, it only waits for its parent to reap it), what is it, and are they all gone yet.
 *
 * <pre>{@code
 * kill9(master.pid());
 * assertThat(LocalProcesses.stillRunningAfter(Duration.ofSeconds(5), treePids)).isEmpty();
 * }</pre>
 */
public final class LocalProcesses {
    private LocalProcesses() {}

    /** Whether {@code pid} runs; a zombie counts as gone. */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')'
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The command name of {@code pid} ({@code /proc/PID/comm}, e.g. {@code java}), or "" when it is gone. */
    public static String commandName(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits up to {@code bound} for every pid to be gone (see {@link #isRunning}); returns those still running. */
    public static List<Long> stillRunningAfter(Duration bound, Iterable<Long> pids) throws InterruptedException {
        return stillRunningAfter(bound, pids, LocalProcesses::isRunning);
    }

    /** Same, with {@code isRunning} deciding (e.g. for processes on another host). */
    public static List<Long> stillRunningAfter(Duration bound, Iterable<Long> pids, LongPredicate isRunning)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<Long> running = new ArrayList<>();
            for (long pid : pids) {
                if (isRunning.test(pid)) {
                    running.add(pid);
                }
            }
            if (running.isEmpty() || System.nanoTime() > deadline) {
                return running;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Reads what {@code process} prints (stdout, with stderr merged in if the caller redirected it) until a line
     * {@code PIDS pid pid...}, keeping every line in {@code output} for failure messages, and returns those pids. How
     * lifecycle tests learn the tree a master in another JVM built before they kill it.
     *
     * @throws AssertionError when no such line came within {@code bound} or the process ended first
     */
    public static List<Long> awaitPidsLine(Process process, List<String> output, Duration bound)
            throws InterruptedException {
        CompletableFuture<List<Long>> found = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (output) {
                                output.add(line);
                            }
                            if (line.startsWith("PIDS ")) {
                                List<Long> pids = new ArrayList<>();
                                for (String p : line.substring(5).trim().split(" ")) {
                                    pids.add(Long.parseLong(p));
                                }
                                found.complete(pids);
                            }
                        }
                        found.completeExceptionally(new AssertionError("the process ended without a PIDS line"));
                    } catch (IOException | RuntimeException e) {
                        found.completeExceptionally(e);
                    }
                },
                "pids-line-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            synchronized (output) {
                throw new AssertionError("no PIDS line within " + bound.toMillis() + " ms; it printed: " + output, e);
            }
        }
    }

    /** Sends SIGKILL to {@code pid}; throws when {@code kill} fails (e.g. no such process). */
    public static void kill9(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }
}
