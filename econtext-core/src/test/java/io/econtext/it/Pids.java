package io.econtext.it;

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
import java.util.concurrent.TimeUnit;

/** Process liveness as the tests need it: a zombie that nobody reaped counts as gone, it runs nothing. */
final class Pids {
    private Pids() {}

    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Waits up to {@code bound} for every pid to be gone; returns those still running. */
    static List<Long> stillRunningAfter(Duration bound, long... pids) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<Long> running = new ArrayList<>();
            for (long pid : pids) {
                if (isRunning(pid)) {
                    running.add(pid);
                }
            }
            if (running.isEmpty() || System.nanoTime() > deadline) {
                return running;
            }
            Thread.sleep(20);
        }
    }

    static void kill9(long pid) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " failed with exit status " + p.exitValue());
        }
    }

    /**
     * The pids a holder program ({@code ChainHolderMain}, {@code HeartbeatHolderMain}) prints on a {@code PIDS ...}
     * line of its stdout, read on a daemon thread named {@code NAME-output} that goes on reading to the end (into
     * {@code output}, when not null, for the test to show); an empty array when the program ended without one.
     */
    static long[] printedBy(Process holder, String name, List<String> output) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<long[]> found = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (output != null) {
                                synchronized (output) {
                                    output.add(line);
                                }
                            }
                            if (line.startsWith("PIDS ")) {
                                found.complete(java.util.Arrays.stream(
                                                line.substring(5).trim().split(" "))
                                        .mapToLong(Long::parseLong)
                                        .toArray());
                            }
                        }
                        found.complete(new long[0]);
                    } catch (Exception e) {
                        found.completeExceptionally(e);
                    }
                },
                name + "-output");
        t.setDaemon(true);
        t.start();
        return found.get(40, TimeUnit.SECONDS);
    }
}
