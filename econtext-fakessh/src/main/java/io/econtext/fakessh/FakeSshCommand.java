package io.econtext.fakessh;

import io.econtext.Context;
import io.econtext.spi.InheritedEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fakessh run, configured before {@link #run()}: the program's working directory, extra environment, stdio and a
 * deadline. See {@link FakeSsh}.
 *
 * <p>Cancelling: when the deadline passes ({@link FakeSshException}) or the calling thread is interrupted
 * ({@link InterruptedException}), the program, everything it started and the remote commands of its invocations are
 * killed, and the private directory is removed, before {@link #run()} returns.
 *
 * <p>Threads: {@link #run()} blocks the calling thread; it uses one thread to accept invocations and two per
 * invocation.
 */
public final class FakeSshCommand {
    private static final Logger LOG = LoggerFactory.getLogger(FakeSshCommand.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Context context;
    private final List<String> argv;
    private Path directory;
    private final Map<String, String> environment = new HashMap<>();
    private Duration timeout;
    private ProcessBuilder.Redirect input = ProcessBuilder.Redirect.INHERIT;
    private ProcessBuilder.Redirect output = ProcessBuilder.Redirect.INHERIT;
    private ProcessBuilder.Redirect error = ProcessBuilder.Redirect.INHERIT;

    FakeSshCommand(Context context, List<String> argv) {
        if (context == null) {
            throw new IllegalArgumentException("context : null (expected: the context the remote commands run in)");
        }
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("argv : " + argv + " (expected: a program and its arguments)");
        }
        this.context = context;
        this.argv = List.copyOf(argv);
    }

    /** The program's working directory (default: this JVM's). */
    public FakeSshCommand directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Adds a variable to the program's environment. */
    public FakeSshCommand environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Cancels the run after {@code timeout} (default: none). */
    public FakeSshCommand timeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout : " + timeout + " (expected: > 0, or null for none)");
        }
        this.timeout = timeout;
        return this;
    }

    public FakeSshCommand redirectInput(ProcessBuilder.Redirect input) {
        this.input = input;
        return this;
    }

    public FakeSshCommand redirectOutput(ProcessBuilder.Redirect output) {
        this.output = output;
        return this;
    }

    public FakeSshCommand redirectError(ProcessBuilder.Redirect error) {
        this.error = error;
        return this;
    }

    /** The program reads {@code file}. */
    public FakeSshCommand redirectInput(File file) {
        return redirectInput(ProcessBuilder.Redirect.from(file));
    }

    /** The program's stdout replaces {@code file}. */
    public FakeSshCommand redirectOutput(File file) {
        return redirectOutput(ProcessBuilder.Redirect.to(file));
    }

    /** The program's stderr replaces {@code file}. */
    public FakeSshCommand redirectError(File file) {
        return redirectError(ProcessBuilder.Redirect.to(file));
    }

    /** Runs the program to its end and returns its exit status (128 + signal when a signal ended it). */
    public int run() throws InterruptedException {
        FakeSshHome home;
        try {
            home = FakeSshHome.create();
        } catch (IOException e) {
            throw new FakeSshException("fakessh cannot create its private directory: " + e.getMessage(), e);
        }
        List<LocalSession> sessions = new ArrayList<>();
        Thread dispatcher = new Thread(() -> dispatch(home, sessions), "fakessh-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
        Process tool = null;
        Thread hook = null;
        try {
            tool = start(home);
            Process started = tool;
            hook = new Thread(() -> killGroup(started), "fakessh-exit");
            Runtime.getRuntime().addShutdownHook(hook);
            if (timeout == null) {
                return tool.waitFor();
            }
            if (!tool.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new FakeSshException("'" + argv.get(0) + "' did not finish within " + timeout.toMillis()
                        + " ms; it and its remote commands were stopped");
            }
            return tool.exitValue();
        } finally {
            if (tool != null) {
                killGroup(tool);
            }
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    // the JVM is exiting: the hook runs anyway
                }
            }
            home.stopListening();
            dispatcher.join(5_000);
            synchronized (sessions) {
                for (LocalSession s : sessions) {
                    if (s.isActive()) {
                        s.abort();
                    }
                }
            }
            home.close();
        }
    }

    private void dispatch(FakeSshHome home, List<LocalSession> sessions) {
        try {
            String[] invocation;
            while ((invocation = home.nextInvocation()) != null) {
                LocalSession s = LocalSession.start(context, invocation[0], invocation[1]);
                synchronized (sessions) {
                    sessions.add(s);
                }
            }
        } catch (IOException e) {
            LOG.debug("fakessh stopped accepting invocations: {}", e.getMessage());
        }
    }

    private Process start(FakeSshHome home) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString()); // a session of its own: one kill reaches all it started
        }
        String program0 = argv.get(0);
        String toolPath = environment.containsKey("PATH") ? environment.get("PATH") : System.getenv("PATH");
        FakeSsh.locate(program0, toolPath); // setsid would only say "failed to execute" with status 127
        command.add(program0);
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (program.equals("scp") || program.equals("sftp")) {
            command.add("-S"); // they run /usr/bin/ssh by absolute path otherwise
            command.add(home.ssh().toString());
        } else if (program.equals("rsync")) {
            // rsync leaves the stdout of an "ssh" non-blocking, which only a poll loop (ssh's) survives; the fake's
            // cat would fail with EAGAIN. rsync's own option for shells without one:
            command.add("--blocking-io");
        }
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder pb = InheritedEnvironment.processBuilder(command)
                .redirectInput(input)
                .redirectOutput(output)
                .redirectError(error);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.put("PATH", home.dir() + (path == null || path.isEmpty() ? "" : File.pathSeparator + path));
        env.put("RSYNC_RSH", home.ssh().toString());
        env.put("GIT_SSH", home.ssh().toString());
        env.remove("GIT_SSH_COMMAND");
        env.putAll(environment);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new FakeSshException("cannot run '" + argv.get(0) + "': " + e.getMessage(), e);
        }
    }

    /** Kills the program and everything it started: its whole session when setsid gave it one. */
    private static void killGroup(Process tool) {
        List<ProcessHandle> below = tool.descendants().toList();
        if (Files.isExecutable(SETSID)) {
            try {
                InheritedEnvironment.processBuilder("kill", "-KILL", "--", "-" + tool.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                LOG.debug("kill of process group {} failed: {}", tool.pid(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tool.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }
}
