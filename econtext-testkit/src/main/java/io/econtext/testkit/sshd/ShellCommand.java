package io.econtext.testkit.sshd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * One exec request of {@link EmbeddedSshServer}: runs the command line through {@code /bin/sh -c}, as the server's
 * own user, with the channel's stdin, stdout and stderr wired to the process by three pump threads. The exit status
 * goes back to the client once the process exited and its output was sent.
 *
 * <p>MINA's {@code ProcessShellCommandFactory} polls the process's streams; this pumps them with blocking reads and
 * flushes every chunk at once, which is what a protocol that talks over stdio (the econtext boot) needs.
 */
public final class ShellCommand extends StdioCommand {
    /** How long the output may keep flowing after the process exited: a daemon it forked may hold the pipes. */
    private static final long DRAIN_MILLIS = 2000;

    private static final AtomicInteger ids = new AtomicInteger();

    private final String commandLine;
    private final String threadPrefix = "embedded-sshd-exec-" + ids.incrementAndGet();
    private volatile Process process;

    /** A command that runs {@code commandLine} through {@code /bin/sh -c} once MINA starts it. */
    public ShellCommand(String commandLine) {
        this.commandLine = commandLine;
    }

    /** Starts the process and its pumps; runs on a MINA I/O thread and does not block. */
    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", commandLine).start();
        process = p;
        Thread stdin = pump(in(), p.getOutputStream(), "stdin", true);
        Thread stdout = pump(p.getInputStream(), out(), "stdout", false);
        Thread stderr = pump(p.getErrorStream(), err(), "stderr", false);
        stdin.start();
        stdout.start();
        stderr.start();
        // only now: joining a pump that was not started yet returns at once, and a quick command's output was lost
        Thread waiter = new Thread(() -> awaitExit(p, stdout, stderr), threadPrefix + "-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void awaitExit(Process p, Thread stdout, Thread stderr) {
        int status;
        try {
            status = p.waitFor();
            stdout.join(DRAIN_MILLIS);
            stderr.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 255;
        }
        exitCallback().onExit(status);
    }

    /** The channel closed (the client went away or the server stops): ends the process and what it started. */
    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close(); // EOF first: a process that serves its stdin ends by itself
        } catch (IOException e) {
            // it is gone already
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
    }

    private Thread pump(InputStream from, OutputStream to, String name, boolean closeTarget) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[32 * 1024];
                    try {
                        int n;
                        while ((n = from.read(buffer)) >= 0) {
                            to.write(buffer, 0, n);
                            to.flush();
                        }
                    } catch (IOException e) {
                        // the other side closed: the process exited or the channel is gone
                    } finally {
                        if (closeTarget) {
                            try {
                                to.close();
                            } catch (IOException e) {
                                // already closed
                            }
                        }
                    }
                },
                threadPrefix + "-" + name);
        t.setDaemon(true);
        return t;
    }
}
