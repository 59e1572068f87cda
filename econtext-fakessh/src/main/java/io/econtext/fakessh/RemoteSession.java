package io.econtext.fakessh;

import io.econtext.ChannelClosedException;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.Sender;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The remote half of one fakessh invocation: runs the command in the context it is called in, with its stdio pumped
 * to and from the master. Only JDK and API types, so that it ships to any context as one small class. Flow control
 * keeps at most {@code window} chunks in flight each way:
 *
 * <pre>
 *  master                                          this context
 *   open(id, window)            [ordered call]     ─► registers the session, with window output credits
 *   run(id, command, out)       [concurrent call] ─► starts it; returns its exit status when all output was sent
 *   stdin(id, chunk)            [ordered, no reply] ─► queued, written to the command's stdin; empty chunk: EOF
 *                               ◄─ out: ["c", 1]       one stdin chunk written: the master may send another
 *                               ◄─ out: ["o", bytes]   a chunk of stdout (needs a credit)
 *                               ◄─ out: ["e", bytes]   a chunk of stderr (needs a credit)
 *   credit(id, n)               [ordered, no reply] ─► the master wrote n output chunks: n more may come
 *   kill(id)                    [ordered, no reply] ─► ends the command and its descendants
 * </pre>
 *
 * <p>Threads: {@link #run} blocks its call thread until the command ended; one thread writes stdin and one pumps each
 * output stream. The other entry points only queue or signal, so they never hold up the context's ordered calls.
 */
public final class RemoteSession {
    /** Tag of a stdout chunk. */
    static final String STDOUT = "o";
    /** Tag of a stderr chunk. */
    static final String STDERR = "e";
    /** Tag of a stdin acknowledgement. */
    static final String CONSUMED = "c";
    /** Largest chunk either way. */
    static final int CHUNK = 256 * 1024;
    /** Exit status when the command cannot start, as a shell reports a missing command. */
    static final int CANNOT_RUN = 127;
    /** Exit status of a session killed before its command started, as for SIGKILL. */
    static final int KILLED = 128 + 9;

    private static final ConcurrentHashMap<Long, RemoteSession> SESSIONS = new ConcurrentHashMap<>();
    private static final byte[] EOF = new byte[0];
    private static final List<String> SFTP_SERVERS = List.of(
            "/usr/lib/openssh/sftp-server",
            "/usr/libexec/openssh/sftp-server",
            "/usr/libexec/sftp-server",
            "/usr/lib/ssh/sftp-server",
            "/usr/lib/sftp-server");

    private final LinkedBlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private final Semaphore credits = new Semaphore(0);
    private volatile Process process;
    private volatile boolean killed;

    private RemoteSession() {}

    /** Registers session {@code id} with {@code window} output credits; the master calls it first, in order. */
    static RemoteCallable<Boolean> openTask(long id, int window) {
        return () -> {
            RemoteSession s = new RemoteSession();
            s.credits.release(window);
            return SESSIONS.putIfAbsent(id, s) == null;
        };
    }

    /** {@link #run} as a call; captures only codec types. */
    static RemoteCallable<Integer> runTask(long id, String command, boolean subsystem, Sender<Object> out) {
        return () -> run(id, command, subsystem, out);
    }

    static RemoteRunnable stdinTask(long id, byte[] chunk) {
        return () -> {
            RemoteSession s = SESSIONS.get(id);
            if (s != null) {
                s.stdin.add(chunk);
            }
        };
    }

    static RemoteRunnable creditTask(long id, int chunks) {
        return () -> {
            RemoteSession s = SESSIONS.get(id);
            if (s != null) {
                s.credits.release(chunks);
            }
        };
    }

    static RemoteRunnable killTask(long id) {
        return () -> {
            RemoteSession s = SESSIONS.get(id);
            if (s != null) {
                s.kill();
            }
        };
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} in the user's home directory (as sshd would), or the subsystem it
     * names, pumps its stdio, closes {@code out} and returns its exit status (128 + signal when a signal ended it).
     */
    static int run(long id, String command, boolean subsystem, Sender<Object> out) throws InterruptedException {
        RemoteSession s = SESSIONS.get(id);
        try {
            if (s == null || s.killed) {
                return KILLED;
            }
            List<String> argv;
            if (subsystem) {
                String server = subsystemServer(command);
                if (server == null) {
                    out.send(List.of(STDERR, bytes("fakessh: subsystem '" + command + "' is not available here\n")));
                    return CANNOT_RUN;
                }
                argv = List.of(server);
            } else {
                argv = List.of("/bin/sh", "-c", command);
            }
            try {
                s.process = new ProcessBuilder(argv)
                        .directory(new File(System.getProperty("user.home")))
                        .start();
            } catch (IOException e) {
                out.send(List.of(STDERR, bytes("fakessh: " + e.getMessage() + "\n")));
                return CANNOT_RUN;
            }
            if (s.killed) {
                s.kill(); // killed while starting
            }
            return s.pumpUntilExit(out);
        } finally {
            SESSIONS.remove(id);
            out.close();
        }
    }

    private int pumpUntilExit(Sender<Object> out) throws InterruptedException {
        Process p = process;
        Thread writer = daemon(() -> writeStdin(p.getOutputStream(), out), "fakessh-stdin");
        Thread stdout = daemon(() -> pump(p.getInputStream(), STDOUT, out), "fakessh-stdout");
        Thread stderr = daemon(() -> pump(p.getErrorStream(), STDERR, out), "fakessh-stderr");
        try {
            int status = p.waitFor();
            stdout.join();
            stderr.join();
            writer.interrupt();
            return status;
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
    }

    private void writeStdin(OutputStream in, Sender<Object> out) {
        try (OutputStream o = in) {
            for (; ; ) {
                byte[] chunk = stdin.take();
                if (chunk.length == 0) {
                    return;
                }
                o.write(chunk);
                o.flush();
                out.send(List.of(CONSUMED, 1));
            }
        } catch (IOException | InterruptedException | ChannelClosedException e) {
            // the command stopped reading or ended, or the master stopped reading its output; what is still queued is
            // dropped, as a closed pipe would
        }
    }

    private void pump(InputStream from, String tag, Sender<Object> out) {
        byte[] buf = new byte[CHUNK];
        try (InputStream in = from) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                credits.acquire();
                if (killed) {
                    return;
                }
                out.send(List.of(tag, Arrays.copyOf(buf, n)));
            }
        } catch (IOException | InterruptedException | ChannelClosedException e) {
            // the command ended or was killed, or the master stopped reading its output
        }
    }

    private void kill() {
        killed = true;
        stdin.add(EOF);
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        credits.release(2); // one for each output pump blocked on a credit; they then see the session killed
    }

    private static String subsystemServer(String name) {
        if (!name.equals("sftp")) {
            return null;
        }
        for (String path : SFTP_SERVERS) {
            if (new File(path).canExecute()) {
                return path;
            }
        }
        return null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
