package io.econtext.cli;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.fakessh.FakeSsh;
import io.econtext.fakessh.FakeSshCommand;
import io.econtext.fleet.Fleet;
import io.econtext.fleet.HostResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The skeleton of {@code econtext rsync}, {@code scp} and {@code sftp}: boots the chain, runs the tool here with
 * inherited stdio through {@link FakeSsh}, so that its {@code ssh} runs the remote side in the last context of the
 * chain, and exits with the tool's exit code. A subclass only names the tool and describes it:
 *
 * <pre>{@code
 * @Command(name = "rsync", description = {"Run rsync here, its remote side in the last context ...", ...})
 * public final class RsyncCommand extends FakeSshToolCommand {
 *     public RsyncCommand() {
 *         super("rsync");
 *     }
 * }
 * }</pre>
 *
 * <p>Exit codes: the tool's own; {@value Main#EXIT_FAILURE} when a hop did not boot, the tool cannot start here or
 * {@code --timeout} passed (the tool and its remote commands are then killed); {@value Main#EXIT_USAGE} without
 * arguments for the tool.
 */
@Command(showEndOfOptionsDelimiterInUsageHelp = true)
public abstract class FakeSshToolCommand implements Callable<Integer> {
    /** The part of every subcommand's description that says how to write remote paths. */
    static final String REMOTE_PATHS = "Write remote paths as HOST:path with any host name, e.g. ctx:/srv/: every "
            + "host is the last context of the chain, as its user (the tool's ssh is econtext's).";

    private final String tool;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Mixin
    private HopOptions hops;

    @Mixin
    private HostsOptions hosts;

    private Duration timeout;

    @Parameters(
            arity = "1..*",
            paramLabel = "ARGS",
            description = "The arguments of ${COMMAND-NAME}, after '--' (its options would be taken for ours).")
    private List<String> arguments;

    protected FakeSshToolCommand(String tool) {
        this.tool = tool;
    }

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Stop the tool and its remote commands after SECONDS and exit with 1 (default: no limit).")
    void setTimeout(String seconds) {
        this.timeout = Seconds.parse("--timeout", seconds, spec.commandLine());
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Before the boot, which may ask for passwords: with setsid in front, a missing tool would only show as 127.
        FakeSsh.locate(tool, null);
        List<String> argv = new ArrayList<>();
        argv.add(tool);
        argv.addAll(arguments);
        if (hosts.enabled()) {
            return onHosts(argv);
        }
        hosts.checkUnused();
        try (Router router = Econtext.newRouter()) {
            List<Context> chain = hops.connect(router);
            FakeSshCommand run =
                    FakeSsh.command(chain.get(chain.size() - 1), argv).timeout(timeout);
            try (ToolOutput output = ToolOutput.open(tool, main.out(), main.err())) {
                return output.applyTo(run).run();
            }
        }
    }

    /**
     * {@code --hosts}: one run of the tool per connected host (its {@code HOST:} paths are that host), at most {@code
     * --parallel} at a time, stdin from {@code /dev/null}; each host's output prefixed with its name once its run
     * ended; 0 only when the tool exited 0 for every host.
     */
    private int onHosts(List<String> argv) throws InterruptedException {
        try (Router router = Econtext.newRouter()) {
            FleetRun run = new FleetRun(hops, hosts, main.out(), main.err());
            try (Fleet fleet = run.connect(router)) {
                ExecutorService pool = Executors.newFixedThreadPool(Math.max(
                        1,
                        Math.min(
                                hosts.fleetOptions().parallelism(),
                                fleet.connected().size())));
                try {
                    List<Future<?>> runs = new ArrayList<>();
                    for (Map.Entry<String, Context> e : fleet.connected().entrySet()) {
                        runs.add(pool.submit(() -> runOn(run, e.getKey(), e.getValue(), argv)));
                    }
                    for (Future<?> f : runs) {
                        try {
                            f.get();
                        } catch (ExecutionException e) {
                            throw new IllegalStateException(e.getCause());
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
                return run.finish(Map.of());
            }
        }
    }

    private void runOn(FleetRun run, String host, Context context, List<String> argv) {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            try (ToolOutput output = ToolOutput.open(tool, new PrintStream(out), new PrintStream(err))) {
                code = output.applyTo(FakeSsh.command(context, argv)
                                .timeout(timeout)
                                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))))
                        .run();
            }
        } catch (IOException | RuntimeException e) {
            run.outcome(run.failure(new HostResult<>(host, null, e, Duration.ofNanos(System.nanoTime() - start))));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        run.exited(
                host,
                (System.nanoTime() - start) / 1_000_000L,
                code,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                null,
                tool + " exit " + code);
    }
}
