package io.econtext.internal.master;

import io.econtext.internal.util.Scheduler;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The master's broker: one Netty event loop that runs timers (connect timeouts, reaping bounds) and control work
 * (loss notices, shutdown cascades). Frames are routed on the streams' reader threads, which saves two thread
 * hand-offs per message (see DESIGN.md §3). The loop never writes to a pipe: what it sends is queued on the stream and
 * written by the stream's writer thread (see {@code Stream#flush}), so a child that stopped reading cannot hold up
 * the timers and notices of every other context.
 */
public final class MasterBroker implements Scheduler, AutoCloseable {
    private final DefaultEventLoopGroup group =
            new DefaultEventLoopGroup(1, new DefaultThreadFactory("econtext-broker", true));
    private final EventLoop loop = group.next();

    @Override
    public void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the router is closing: late control work (loss notices, reaping) runs right here
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        final ScheduledFuture<?> f;
        try {
            f = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run(); // closing: no time left to wait
            return () -> {};
        }
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    }
}
