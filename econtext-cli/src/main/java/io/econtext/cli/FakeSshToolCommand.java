package io.econtext.cli;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.fakessh.FakeSsh;
import io.econtext.fakessh.FakeSshCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
        try (Router router = Econtext.newRouter()) {
            List<Context> chain = hops.connect(router);
            FakeSshCommand run =
                    FakeSsh.command(chain.get(chain.size() - 1), argv).timeout(timeout);
            try (ToolOutput output = ToolOutput.open(tool, main.out(), main.err())) {
                return output.applyTo(run).run();
            }
        }
    }
}
