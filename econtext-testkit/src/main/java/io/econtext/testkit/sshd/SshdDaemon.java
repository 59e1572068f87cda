package io.econtext.testkit.sshd;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One running {@code sshd}: starts it, finds the session processes it forks, stops them. Every method blocks the
 * calling thread for at most the time it is given (plus a few seconds for SIGKILL to land).
 *
 * <p>sshd runs with {@code -D}, as our child, rather than daemonized: a daemon's parent is PID 1, and where PID 1 reaps
 * orphans only now and then (here: every ~1.5 s) a stopped sshd lingers as a zombie, which {@link
 * ProcessHandle#isAlive()} reports as alive. sshd binds the port and only then writes its PID file, so "started" means:
 * a PID file naming our child, and a TCP connect that succeeds. If another process took the port between our probe and
 * sshd's bind, sshd logs "Cannot bind any address." and exits, which {@link #start} reports as {@link
 * PortTakenException} so that the caller can retry on another port.
 *
 * <p>A session is two sshd processes under the listener: the privileged monitor ({@code sshd: NAME [priv]}, root) and
 * the unprivileged one that runs as the user ({@code sshd: NAME@notty}), whose child is the user's command. On OpenSSH
 * 9.8+ they are {@code sshd-session} processes. They are found by executable and owner, not by their titles.
 */
final class SshdDaemon {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The privilege separation directory that root's sshd insists on. */
    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** How long a session's monitor gets to exit by itself after its child was killed (it takes ~5 ms). */
    private static final Duration MONITOR_WAIT = Duration.ofSeconds(1);

    private static final long POLL_MILLIS = 5;
    /** Null until a config check tells whether this sshd knows {@code PerSourcePenalties}. */
    private static volatile Boolean knowsPerSourcePenalties;

    private final Process process;

    private SshdDaemon(Process process) {
        this.process = process;
    }

    /** The listening port was taken by another process before sshd could bind it. */
    static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code config} to {@code configFile}, checks it with {@code sshd -t}, starts sshd with its log in {@code
     * log} and waits until it accepts connections.
     */
    static SshdDaemon start(SshdConfig config, Path configFile, Path log, Duration timeout) throws IOException {
        preparePrivsepDir();
        writeCheckedConfig(config, configFile);
        Files.deleteIfExists(config.pidFile());
        long logOffset = Files.exists(log) ? Files.size(log) : 0;
        long deadline = System.nanoTime() + timeout.toNanos();

        Process process = new ProcessBuilder("" + SSHD, "-D", "-f", "" + configFile, "-E", "" + log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        SshdDaemon daemon = new SshdDaemon(process);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String newLog = readLog(log, logOffset);
                if (newLog.contains("Cannot bind any address")) {
                    throw new PortTakenException("port " + config.port() + " was taken before sshd bound it");
                }
                throw new IOException("sshd exited with " + process.exitValue() + " before it listened on "
                        + SshdConfig.HOST + ":" + config.port() + logSince(log, logOffset));
            }
            if (readPidFile(config.pidFile()).orElse(-1L) == process.pid() && accepts(config.port())) {
                return daemon;
            }
            sleep(POLL_MILLIS);
        }
        daemon.stop(KILL_WAIT);
        throw new IOException("sshd did not start within " + timeout.toSeconds() + " s on " + SshdConfig.HOST + ":"
                + config.port() + logSince(log, logOffset));
    }

    long pid() {
        return process.pid();
    }

    /** Stops sshd (SIGTERM, SIGKILL after {@code timeout}) and waits until it is gone; false if it would not go. */
    boolean stop(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            return process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sshd processes of the sessions that serve {@code user} (null: every connection, also unauthenticated). */
    List<ProcessHandle> sessions(String user) {
        List<ProcessHandle> found = new ArrayList<>();
        process.children().filter(SshdDaemon::isSshd).forEach(monitor -> {
            List<ProcessHandle> session = Stream.concat(Stream.of(monitor), monitor.descendants())
                    .filter(SshdDaemon::isSshd)
                    .collect(Collectors.toList());
            if (user == null
                    || session.stream()
                            .anyMatch(p -> user.equals(p.info().user().orElse(null)))) {
                found.addAll(session);
            }
        });
        return found;
    }

    /**
     * Sends SIGKILL to the sessions' inner sshd processes (those whose parent is in the list), which makes their
     * monitors exit and reap them; then, after up to a second, to whatever is left. Waits until all are gone; returns
     * false if some outlived the wait. A zombie counts as gone: an orphan is reaped by PID 1, which may take its time.
     */
    static boolean kill(List<ProcessHandle> processes) {
        List<Long> pids = processes.stream().map(ProcessHandle::pid).collect(Collectors.toList());
        processes.stream()
                .filter(p ->
                        p.parent().map(parent -> pids.contains(parent.pid())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        if (awaitGone(processes, MONITOR_WAIT)) {
            return true;
        }
        processes.forEach(ProcessHandle::destroyForcibly);
        return awaitGone(processes, KILL_WAIT);
    }

    private static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(SshdDaemon::isRunning)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Alive and not a zombie ({@link ProcessHandle#isAlive()} is true for zombies). */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so look after the last ')'
            String afterComm = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !afterComm.startsWith("Z") && !afterComm.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false; // no /proc entry: gone
        }
    }

    private static boolean isSshd(ProcessHandle process) {
        return process.info()
                .command()
                .map(c -> Path.of(c).getFileName().toString().startsWith("sshd"))
                .orElse(false);
    }

    private static void preparePrivsepDir() throws IOException {
        if (!Files.isDirectory(PRIVSEP_DIR)) {
            Files.createDirectories(PRIVSEP_DIR);
            Files.setPosixFilePermissions(PRIVSEP_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Writes the config and has sshd check it, dropping {@code PerSourcePenalties} if this sshd predates it. */
    private static void writeCheckedConfig(SshdConfig config, Path file) throws IOException {
        Boolean penalties = knowsPerSourcePenalties;
        SshdConfig effective = config.withPerSourcePenalties(penalties == null || penalties);
        Files.writeString(file, effective.render());
        ProcessRunner.Result check = checkConfig(file);
        if (!check.succeeded() && penalties == null && check.stderr().contains("PerSourcePenalties")) {
            effective = config.withPerSourcePenalties(false);
            Files.writeString(file, effective.render());
            check = checkConfig(file);
        }
        if (!check.succeeded()) {
            throw new IOException("sshd rejects its config " + file + ": " + check.describe());
        }
        knowsPerSourcePenalties = effective.perSourcePenalties();
    }

    private static ProcessRunner.Result checkConfig(Path file) throws IOException {
        return ProcessRunner.of("" + SSHD, "-t", "-f", "" + file)
                .timeout(COMMAND_TIMEOUT)
                .run();
    }

    private static Optional<Long> readPidFile(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // not written yet, or half written
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(SshdConfig.HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLog(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String logSince(Path log, long offset) {
        String text = readLog(log, offset).strip();
        return text.isEmpty() ? "; its log " + log + " is empty" : "; its log " + log + ":\n" + text;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for sshd", e);
        }
    }
}
