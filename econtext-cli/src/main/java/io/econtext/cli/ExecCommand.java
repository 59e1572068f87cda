package io.econtext.cli;

import io.econtext.CallOptions;
import io.econtext.ChannelClosedException;
import io.econtext.Context;
import io.econtext.EcontextException;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.core.Econtext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code econtext exec}: runs a command in the last context of the chain, copies its stdout and stderr here as they
 * come, and exits with its exit code. The remote half is {@link RemoteExec}.
 *
 * <pre>
 * $ econtext exec --via local -- sh -c 'echo hi; exit 4'; echo $?
 * hi
 * 4
 * </pre>
 */
@Command(
        name = "exec",
        description = "Run CMD in the last context of the chain (stdin from /dev/null), stream its output here "
                + "and exit with its exit code.")
public final class ExecCommand implements Callable<Integer> {
    /** How often the drain loop looks at the call when no output comes. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long output may still trail once the call answered; its close is normally already queued. */
    private static final long TRAILING_OUTPUT_MILLIS = 2000;

    @ParentCommand
    private Main main;

    @Mixin
    private HopOptions hops;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    private List<String> command;

    @Override
    public Integer call() {
        try (Router router = Econtext.newRouter()) {
            List<Context> chain = hops.connect(router);
            Context target = chain.get(chain.size() - 1);
            try (Receiver<Object> output = router.newReceiver()) {
                // Concurrent: the call thread is then interrupted when the context exits, and RemoteExec kills the
                // command instead of leaving it behind.
                CompletableFuture<Integer> status = target.with(CallOptions.DEFAULT.withConcurrent(true))
                        .callAsync(RemoteExec.task(command, output.sender()));
                copy(output, status);
                return exitCode(status);
            }
        }
    }

    /** Copies chunks to our stdout/stderr until the channel ends, or the call failed and nothing more comes. */
    private void copy(Receiver<Object> output, CompletableFuture<Integer> status) {
        long answeredAt = 0;
        while (true) {
            Optional<Object> chunk;
            try {
                chunk = output.poll(POLL);
            } catch (ChannelClosedException e) {
                return;
            }
            if (chunk.isPresent()) {
                write(RemoteExec.Chunk.fromWire(chunk.get()));
            } else if (status.isDone()) {
                if (status.isCompletedExceptionally()) {
                    return;
                }
                long now = System.nanoTime();
                if (answeredAt == 0) {
                    answeredAt = now;
                } else if (now - answeredAt > TimeUnit.MILLISECONDS.toNanos(TRAILING_OUTPUT_MILLIS)) {
                    return;
                }
            }
        }
    }

    private void write(RemoteExec.Chunk chunk) {
        PrintStream to = chunk.stderr() ? main.err() : main.out();
        to.write(chunk.bytes(), 0, chunk.bytes().length);
        to.flush();
    }

    private static int exitCode(CompletableFuture<Integer> status) {
        try {
            return status.get(TRAILING_OUTPUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new EcontextException("exec failed: " + cause, cause);
        } catch (TimeoutException | CancellationException e) {
            throw new EcontextException("exec: the remote command's status did not arrive", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcontextException("interrupted while waiting for the remote command", e);
        }
    }
}
