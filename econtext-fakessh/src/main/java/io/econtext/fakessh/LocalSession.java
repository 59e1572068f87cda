package io.econtext.fakessh;

import io.econtext.CallOptions;
import io.econtext.Context;
import io.econtext.Receiver;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's half of one fake {@code ssh} invocation: reads its command line, runs the command in the context
 * through {@link RemoteSession}, and pumps the invocation's FIFOs to and from it. Two threads: one carries stdin (at
 * most {@link #WINDOW} chunks unacknowledged), one writes what comes back (stdout, stderr, then the exit status),
 * granting the remote side a credit per chunk written, so neither side ever queues more than the window.
 *
 * <p>An invocation the fake cannot serve (an option it cannot honour, a dead context) gets a message on its stderr and
 * exit status 255, as ssh reports its own failures.
 */
final class LocalSession {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSession.class);
    /** Chunks in flight per direction: 8 × 64 KiB keeps a pipe full without queueing much. */
    static final int WINDOW = 8;
    /** Exit status of ssh when it fails itself. */
    static final int SSH_FAILED = 255;

    private static final SecureRandom IDS = new SecureRandom();

    private final Context context;
    private final Path dir;
    private final long scriptPid;
    private final long id = IDS.nextLong();
    private final Semaphore stdinWindow = new Semaphore(WINDOW);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean aborted;
    private volatile boolean remoteStarted;
    private volatile boolean outputEnded;

    private LocalSession(Context context, Path dir, long scriptPid) {
        this.context = context;
        this.dir = dir;
        this.scriptPid = scriptPid;
    }

    /** Starts serving the invocation announced as {@code pid dir}. */
    static LocalSession start(Context context, String pid, String dir) {
        LocalSession s = new LocalSession(context, Path.of(dir), parsePid(pid));
        s.thread(s::serve, "fakessh-out-" + pid);
        return s;
    }

    private static long parsePid(String pid) {
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    /** The output side: parse, start the remote command, write what it sends, then its exit status. */
    private void serve() {
        int status = SSH_FAILED;
        try (OutputStream out = new FileOutputStream(dir.resolve("out").toFile());
                OutputStream err = new FileOutputStream(dir.resolve("err").toFile())) {
            SshInvocation invocation;
            try {
                invocation = SshInvocation.parse(argv());
            } catch (IllegalArgumentException e) {
                drainStdin();
                err.write(("fakessh: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            status = runRemote(invocation, out, err);
        } catch (IOException e) {
            LOG.debug("fakessh invocation in {} ended early: {}", dir, e.getMessage());
        } finally {
            writeStatus(status);
        }
    }

    private List<String> argv() throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("argv"));
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }

    private int runRemote(SshInvocation invocation, OutputStream out, OutputStream err) throws IOException {
        Receiver<Object> channel = context.router().newReceiver();
        CompletableFuture<Integer> exit;
        try {
            context.call(RemoteSession.openTask(id, WINDOW));
            exit = context.with(CallOptions.DEFAULT.withConcurrent(true))
                    .callAsync(
                            RemoteSession.runTask(id, invocation.command(), invocation.subsystem(), channel.sender()));
            remoteStarted = true;
        } catch (RuntimeException e) {
            channel.close();
            drainStdin();
            err.write(("fakessh: cannot run the command in '" + context.name() + "': " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return SSH_FAILED;
        }
        thread(this::pumpStdin, "fakessh-in-" + scriptPid);
        int written = 0;
        try {
            for (Object message : channel) {
                SessionEvent e = SessionEvent.fromWire(message);
                if (e.isConsumed()) {
                    stdinWindow.release(e.consumed());
                    continue;
                }
                OutputStream to = e.isStdout() ? out : err;
                to.write(e.bytes());
                to.flush();
                if (++written == WINDOW / 2) {
                    context.callNoReply(RemoteSession.creditTask(id, written));
                    written = 0;
                }
            }
        } catch (IOException e) {
            // the tool stopped reading this invocation's output: end the command
            context.callNoReply(RemoteSession.killTask(id));
            throw e;
        } finally {
            channel.close();
            outputEnded = true;
            stdinWindow.release(1); // wakes the stdin pump, which then sees the session over
        }
        try {
            return exit.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.write(("fakessh: the command in '" + context.name() + "' failed: " + cause.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return SSH_FAILED;
        }
    }

    /** The input side: the invocation's stdin, chunk by chunk, at most {@link #WINDOW} unacknowledged. */
    private void pumpStdin() {
        byte[] buf = new byte[RemoteSession.CHUNK];
        try (InputStream in = new FileInputStream(dir.resolve("in").toFile())) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                stdinWindow.acquire();
                if (aborted || outputEnded) {
                    return; // the command ended: what it did not read is dropped, as a closed pipe would
                }
                context.callNoReply(RemoteSession.stdinTask(id, Arrays.copyOf(buf, n)));
            }
            context.callNoReply(RemoteSession.stdinTask(id, new byte[0]));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.debug("fakessh stdin of {} ended: {}", dir, e.getMessage());
        }
    }

    /** Opens and discards the invocation's stdin, so the script's stdin copier is not left blocked on its FIFO. */
    private void drainStdin() {
        thread(
                () -> {
                    try (InputStream in = new FileInputStream(dir.resolve("in").toFile())) {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException ignored) {
                        // the script is gone
                    }
                },
                "fakessh-drain-" + scriptPid);
    }

    private void writeStatus(int status) {
        try (OutputStream rc = new FileOutputStream(dir.resolve("rc").toFile())) {
            rc.write((status + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("fakessh could not report status {} to {}: {}", status, dir, e.getMessage());
        }
    }

    /**
     * Ends the invocation from outside (the tool ended, or the run was cancelled): the remote command is killed, the
     * script and its copiers are killed, and every thread blocked on a FIFO is released.
     */
    void abort() {
        aborted = true;
        stdinWindow.release(1); // wakes the stdin pump, which then sees the session over
        if (remoteStarted && context.isAlive()) {
            try {
                context.callNoReply(RemoteSession.killTask(id));
            } catch (RuntimeException e) {
                LOG.debug("fakessh could not kill {} in '{}': {}", id, context.name(), e.getMessage());
            }
        }
        if (scriptPid > 0) {
            ProcessHandle.of(scriptPid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
        List<Thread> all;
        synchronized (threads) {
            all = new ArrayList<>(threads);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : all) {
            while (t.isAlive() && System.nanoTime() < deadline) {
                releaseFifos();
                try {
                    t.join(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Opens the other end of every FIFO without blocking, so that a thread stuck opening or using one moves on. */
    private void releaseFifos() {
        for (String name : new String[] {"in", "out", "err", "rc"}) {
            Path fifo = dir.resolve(name);
            if (!Files.exists(fifo)) {
                continue;
            }
            try (RandomAccessFile other = new RandomAccessFile(fifo.toFile(), "rw")) {
                byte[] sink = new byte[65536];
                FileInputStream view = new FileInputStream(other.getFD());
                while (view.available() > 0 && view.read(sink) > 0) {
                    // drained: a writer blocked on a full FIFO moves on
                }
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    /** True while a thread of this invocation still runs. */
    boolean isActive() {
        synchronized (threads) {
            for (Thread t : threads) {
                if (t.isAlive()) {
                    return true;
                }
            }
        }
        return false;
    }
}
