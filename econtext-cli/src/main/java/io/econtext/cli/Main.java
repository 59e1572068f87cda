package io.econtext.cli;

import ch.qos.logback.classic.Level;
import io.econtext.EcontextException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code econtext} command. {@link #run} is the whole program minus {@code System.exit}, for tests and embedding:
 *
 * <pre>{@code
 * int rc = Main.run(new String[] {"ping", "--via", "local", "--via", "local"}, System.out, System.err);
 * }</pre>
 *
 * <p>Exit codes: what the command returns ({@code exec}: the remote command's; {@code rsync}, {@code scp},
 * {@code sftp}: the tool's), {@value #EXIT_FAILURE} when
 * econtext failed (a boot, a call; its message on stderr, the stack trace only with {@code --debug}),
 * {@value #EXIT_USAGE} for bad arguments. Commands of other modules on the class path ({@link AddedCommand}, e.g.
 * econtext-bench's {@code bench}) follow the built-in ones.
 */
@Command(
        name = "econtext",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Boots JVMs through a chain of hops and runs code in them; nothing is installed on the hops.",
        subcommands = {PingCommand.class, ExecCommand.class, RsyncCommand.class, ScpCommand.class, SftpCommand.class})
public final class Main implements Callable<Integer> {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private static final String DEBUG = "--debug";
    private static final String DEBUG_DESCRIPTION = "Show stack traces and debug logging (children's too).";

    @Spec
    private CommandSpec spec;

    @Option(names = DEBUG, description = DEBUG_DESCRIPTION)
    private boolean debug;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}, and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        for (AddedCommand added : ServiceLoader.load(AddedCommand.class, Main.class.getClassLoader())) {
            cli.addSubcommand(added);
        }
        cli.addSubcommand(new HelpCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        for (String name : new String[] {"exec", "rsync", "scp", "sftp"}) {
            // from the first positional on, every word is the command's or the tool's, also one like --via
            cli.getSubcommands().get(name).setStopAtPositional(true);
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            completeSubcommand(sub.getCommandSpec());
        }
        cli.setExecutionStrategy(parsed -> {
            if (isDebug(parsed)) {
                enableDebugLogging();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, isDebug(parsed)));
        int rc = cli.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    /** Gives every subcommand {@code --debug}, {@code -h} and {@code -V}, also those written without them. */
    private static void completeSubcommand(CommandSpec sub) {
        if (!sub.optionsMap().containsKey(DEBUG)) {
            sub.addOption(OptionSpec.builder(DEBUG)
                    .type(boolean.class)
                    .description(DEBUG_DESCRIPTION)
                    .build());
        }
        if (!sub.optionsMap().containsKey("-h")
                && !sub.optionsMap().containsKey("--help")
                && !sub.optionsMap().containsKey("-V")
                && !sub.optionsMap().containsKey("--version")) {
            sub.mixinStandardHelpOptions(true);
            sub.versionProvider(new Version());
        }
    }

    /** The stream {@code exec} copies the remote command's stdout to. */
    PrintStream out() {
        return out;
    }

    /** The stream {@code exec} copies the remote command's stderr to. */
    PrintStream err() {
        return err;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command (one of: "
                        + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    private static boolean isDebug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine command, boolean debug) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof EcontextException) {
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": unexpected error: " + e);
            if (!debug) {
                err.println("Run with --debug for the stack trace.");
            }
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** Lowers the threshold from logback.xml's to DEBUG for econtext (here and, through forwarding, in children). */
    private static void enableDebugLogging() {
        for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "io.econtext", "econtext.ctx"}) {
            Logger logger = LoggerFactory.getLogger(name);
            if (logger instanceof ch.qos.logback.classic.Logger) {
                ((ch.qos.logback.classic.Logger) logger).setLevel(Level.DEBUG);
            }
        }
    }

    /** The version in the jar's Maven metadata, and the JVM's. */
    static final class Version implements IVersionProvider {
        private static final String POM_PROPERTIES = "/META-INF/maven/io.econtext/econtext-cli/pom.properties";

        @Override
        public String[] getVersion() {
            String version = "(development build)";
            try (InputStream in = Main.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            } catch (IOException e) {
                // keep the fallback: the version is informative only
            }
            return new String[] {
                "econtext " + version,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")"
            };
        }
    }
}
