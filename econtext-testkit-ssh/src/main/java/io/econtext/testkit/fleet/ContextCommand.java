package io.econtext.testkit.fleet;

import io.econtext.testkit.fake.EmbeddedStage1;
import io.econtext.testkit.sshd.StdioCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * One econtext boot on a virtual host: a thread of the server JVM, in the host's thread group, that runs the context
 * as {@link EmbeddedStage1} does, over the channel's stdin and stdout (through {@link HostStreams}, where the host's
 * fault acts). The exit status goes back to the client when the runtime returns: 0, or 1 with the failure on stderr,
 * or 137 when the context was killed (fault {@code die}).
 *
 * <p>When the channel closes (the master closed the context, or the session dropped), MINA destroys the command: the
 * context's stdin ends and its runtime exits as an orphan whose parent went away.
 */
final class ContextCommand extends StdioCommand {
    private final String host;
    private final ThreadGroup group;
    private final int stage1Length;
    private final FleetFault fault;
    private final ScheduledExecutorService timer;
    private final AtomicInteger live;
    private final AtomicBoolean exited = new AtomicBoolean();
    private volatile HostStreams streams;

    ContextCommand(
            String host,
            ThreadGroup group,
            int stage1Length,
            FleetFault fault,
            ScheduledExecutorService timer,
            AtomicInteger live) {
        this.host = host;
        this.live = live;
        this.group = group;
        this.stage1Length = stage1Length;
        this.fault = fault;
        this.timer = timer;
    }

    /** Starts the context's thread; runs on a MINA I/O thread and does not block. */
    @Override
    public void start(ChannelSession channel, Environment env) {
        HostStreams s = new HostStreams(in(), out(), fault, this::booted);
        streams = s;
        Thread t = new Thread(group, () -> run(s), "simhost-" + host);
        t.setDaemon(true);
        t.start();
    }

    private void booted() {
        if (fault != null && fault.kind() == FleetFault.Kind.DIE) {
            timer.schedule(this::die, fault.millis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Fault {@code die}: the pipes close and the client sees the channel end with 137, as for a killed JVM. */
    private void die() {
        streams.kill();
        exit(137, "killed");
    }

    private void run(HostStreams s) {
        int status = 0;
        live.incrementAndGet();
        try {
            EmbeddedStage1.run(s.input(), s.output(), stage1Length);
        } catch (Throwable t) {
            if (!s.isKilled()) {
                status = 1;
                report(t);
            }
        } finally {
            live.decrementAndGet();
            exit(s.isKilled() ? 137 : status, null);
        }
    }

    private void report(Throwable t) {
        try {
            PrintStream p = new PrintStream(err(), true, StandardCharsets.UTF_8);
            p.println("econtext: the context of virtual host " + host + " failed: " + t);
            t.printStackTrace(p);
        } catch (RuntimeException e) {
            // the channel is gone: nobody reads the trace
        }
    }

    private void exit(int status, String message) {
        if (!exited.compareAndSet(false, true)) {
            return;
        }
        try {
            out().flush();
        } catch (IOException e) {
            // the channel is closing or closed
        }
        if (message == null) {
            exitCallback().onExit(status);
        } else {
            exitCallback().onExit(status, message);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        HostStreams s = streams;
        if (s != null) {
            s.kill();
        }
    }
}
