package io.econtext.cli;

import io.econtext.CallOptions;
import io.econtext.ChannelClosedException;
import io.econtext.Context;
import io.econtext.EcontextException;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.fleet.ExecResult;
import io.econtext.fleet.Fleet;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>With {@code --hosts FILE} ({@link HostsOptions}) it runs the command on every host of the file instead, each
 * host's output prefixed with its name, and exits 0 only when it exited 0 everywhere ({@link FleetRun}).
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

    @Mixin
    private HostsOptions hosts;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    private List<String> command;

    @Override
    public Integer call() {
        if (hosts.enabled()) {
            return onHosts();
        }
        hosts.checkUnused();
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

    /**
     * {@code --hosts}: runs the command on every host of the inventory, prints each host's output as it ends (or
     * grouped, or as JSON), then the summary; 0 only when every host ran it and it exited 0 everywhere.
     */
    private int onHosts() {
        try (Router router = Econtext.newRouter()) {
            FleetRun run = new FleetRun(hops, hosts, main.out(), main.err());
            Map<String, String> grouped = new ConcurrentHashMap<>();
            try (Fleet fleet = run.connect(router)) {
                fleet.failures()
                        .forEach((host, e) -> grouped.put(
                                host, "[connect failed: " + e.getClass().getSimpleName() + "]\n"));
                fleet.execAsync(command, r -> {
                            if (!r.succeeded()) {
                                run.outcome(run.failure(r));
                                grouped.put(
                                        r.host(),
                                        "[failed: " + r.failure().getClass().getSimpleName() + "]\n");
                                return;
                            }
                            ExecResult e = r.value();
                            run.exited(
                                    r.host(),
                                    r.elapsed().toMillis(),
                                    e.exitCode(),
                                    e.stdoutText(),
                                    e.stderrText(),
                                    e.truncated(),
                                    "exit " + e.exitCode());
                            grouped.put(
                                    r.host(),
                                    e.stdoutText()
                                            + (e.stderrText().isEmpty() ? "" : "[stderr]\n" + e.stderrText())
                                            + (e.exitCode() == 0 ? "" : "[exit " + e.exitCode() + "]\n"));
                        })
                        .join();
                Map<String, String> inOrder = new LinkedHashMap<>();
                for (String h : fleet.hosts()) {
                    if (grouped.containsKey(h)) {
                        inOrder.put(h, grouped.get(h));
                    }
                }
                return run.finish(inOrder);
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
