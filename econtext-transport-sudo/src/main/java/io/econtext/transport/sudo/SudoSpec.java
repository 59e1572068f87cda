package io.econtext.transport.sudo;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.CpuScheduling;
import io.econtext.Secret;
import io.econtext.spi.SpecChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How to become another user with {@code sudo} and start a child JVM as that user. Immutable; build it fluently from
 * {@link Sudo#user(String)}. Every option is validated when it is set, with a message naming the option and what it
 * expects.
 *
 * <pre>{@code
 * SudoSpec spec = Sudo.user("deploy")
 *         .password(Secret.of(System.console().readPassword("sudo password: ")))
 *         .setHome(true)                       // -H: HOME of deploy
 *         .extraArgs("-g", "www-data")         // only options that keep the bootstrap intact are accepted
 *         .via(app1);                          // sudo runs on app1, as app1's user
 * }</pre>
 *
 * <p>The spec is a value that travels: with {@link #via(Context)} it is sent to the context that runs {@code sudo},
 * so its components are plain codec types. The password travels as a {@link Secret} and is handed, once, to the
 * askpass helper that sudo runs for its own authentication ({@code sudo -A}), through a FIFO in a private directory:
 * never on a command line, in an environment variable, or on sudo's stdin, where the target's login scripts could
 * read it.
 * {@link #environment()} is exported by the command sudo runs: values appear in the target's process list, so keep
 * secrets out of it.
 *
 * @param via the context that runs {@code sudo}, or {@code null} for the caller's own JVM
 * @param name a name for the child ({@code null}: the router picks one)
 * @param user the target user ({@code -u}): a login name or {@code #uid}
 * @param password the password sudo asks for (the booting user's, or the target's under {@code targetpw}), or
 *     {@code null}: a prompt then fails the boot with {@link SudoPasswordRequiredException}
 * @param sudoPath the {@code sudo} program to run
 * @param loginShell run through the target user's login shell ({@code -i}): its profile is read, its junk ignored
 * @param preserveEnvironment keep the booting user's environment ({@code -E}; the sudoers policy must allow it)
 * @param setHome set {@code HOME} to the target user's home ({@code -H})
 * @param extraArgs further sudo options, e.g. {@code -g group}; options that would break the bootstrap are refused
 * @param tty whether sudo gets a terminal (see {@link TtyMode})
 * @param connectTimeoutMillis bound on the whole boot
 * @param javaPath the {@code java} to run as the target user
 * @param jvmOptions extra options for the child JVM
 * @param firstStageDirs where the first-stage class may be written, as the target user; empty: the default list
 * @param environment variables exported for the child JVM
 * @param cpuScheduling how the child's threads are scheduled
 * @param heartbeatIntervalMillis see {@link #heartbeat}; 0: the router's
 * @param heartbeatTimeoutMillis see {@link #heartbeat}; 0: the router's
 */
public record SudoSpec(
        Context via,
        String name,
        String user,
        Secret password,
        String sudoPath,
        boolean loginShell,
        boolean preserveEnvironment,
        boolean setHome,
        List<String> extraArgs,
        TtyMode tty,
        long connectTimeoutMillis,
        String javaPath,
        List<String> jvmOptions,
        List<String> firstStageDirs,
        Map<String, String> environment,
        CpuScheduling cpuScheduling,
        long heartbeatIntervalMillis,
        long heartbeatTimeoutMillis)
        implements ConnectionSpec {

    public SudoSpec {
        if (!SpecChecks.isOptionSafeWord(user)) {
            throw new IllegalArgumentException(
                    "user : '" + user + "' (expected: a login name or #uid, without spaces, not starting with '-')");
        }
        SpecChecks.oneLinePassword(password, "sudo");
        if (sudoPath == null || sudoPath.isBlank()) {
            throw new IllegalArgumentException("sudoPath : '" + sudoPath + "' (expected: a path or command name)");
        }
        if (extraArgs == null) {
            throw new IllegalArgumentException("extraArgs : null (expected: a list, possibly empty)");
        }
        extraArgs = List.copyOf(extraArgs);
        SudoCommand.checkExtraArgs(extraArgs);
        if (tty == null) {
            throw new IllegalArgumentException("tty : null (expected: AUTO, ALWAYS or NEVER)");
        }
        if (connectTimeoutMillis < 100) {
            throw new IllegalArgumentException("connectTimeout : " + connectTimeoutMillis + " ms (expected: >= 100)");
        }
        SpecChecks.javaPath(javaPath);
        SpecChecks.name(name);
        jvmOptions = SpecChecks.jvmOptions(jvmOptions);
        firstStageDirs = List.copyOf(firstStageDirs);
        environment = SpecChecks.environment(environment);
        SpecChecks.cpuScheduling(cpuScheduling);
        SpecChecks.heartbeat(heartbeatIntervalMillis, heartbeatTimeoutMillis);
    }

    @Override
    public String scheme() {
        return Sudo.SCHEME;
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    @Override
    public SudoSpec withoutVia() {
        return via(null);
    }

    /** Run {@code sudo} in {@code via}: the child becomes {@link #user()} on that context's machine. */
    public SudoSpec via(Context via) {
        Copy c = new Copy(this);
        c.via = via;
        return c.build();
    }

    public SudoSpec name(String name) {
        Copy c = new Copy(this);
        c.name = name;
        return c.build();
    }

    public SudoSpec user(String user) {
        Copy c = new Copy(this);
        c.user = user;
        return c.build();
    }

    /**
     * Give sudo {@code password} when it asks (through its askpass helper), once: a second ask fails the boot with
     * {@link SudoPasswordIncorrectException} instead of waiting.
     */
    public SudoSpec password(Secret password) {
        Copy c = new Copy(this);
        c.password = password;
        return c.build();
    }

    public SudoSpec sudoPath(String sudoPath) {
        Copy c = new Copy(this);
        c.sudoPath = sudoPath;
        return c.build();
    }

    /** {@code -i}: run through the target user's login shell. */
    public SudoSpec loginShell(boolean loginShell) {
        Copy c = new Copy(this);
        c.loginShell = loginShell;
        return c.build();
    }

    /** {@code -E}: keep the booting user's environment, where the sudoers policy allows it. */
    public SudoSpec preserveEnvironment(boolean preserveEnvironment) {
        Copy c = new Copy(this);
        c.preserveEnvironment = preserveEnvironment;
        return c.build();
    }

    /** {@code -H}: {@code HOME} is the target user's home. */
    public SudoSpec setHome(boolean setHome) {
        Copy c = new Copy(this);
        c.setHome = setHome;
        return c.build();
    }

    /** Adds sudo options, e.g. {@code extraArgs("-g", "www-data")}; see {@link SudoCommand} for the accepted ones. */
    public SudoSpec extraArgs(String... args) {
        Copy c = new Copy(this);
        c.extraArgs = new ArrayList<>(extraArgs);
        c.extraArgs.addAll(Arrays.asList(args));
        return c.build();
    }

    public SudoSpec tty(TtyMode tty) {
        Copy c = new Copy(this);
        c.tty = tty;
        return c.build();
    }

    /** Bound on the whole boot, including sudo's authentication (at least 100 ms). */
    public SudoSpec connectTimeout(Duration timeout) {
        Copy c = new Copy(this);
        c.connectTimeoutMillis = timeout.toMillis();
        return c.build();
    }

    public SudoSpec javaPath(String javaPath) {
        Copy c = new Copy(this);
        c.javaPath = javaPath;
        return c.build();
    }

    public SudoSpec jvmOption(String option) {
        Copy c = new Copy(this);
        c.jvmOptions = new ArrayList<>(jvmOptions);
        c.jvmOptions.add(option);
        return c.build();
    }

    public SudoSpec firstStageDirs(List<String> dirs) {
        Copy c = new Copy(this);
        c.firstStageDirs = dirs;
        return c.build();
    }

    /** Variables exported for the child JVM: visible in the target's process list, no secrets. */
    public SudoSpec environment(Map<String, String> env) {
        Copy c = new Copy(this);
        c.environment = env;
        return c.build();
    }

    /** {@link CpuScheduling#INHERIT} keeps the booting process's policy for the child; the default is batch. */
    public SudoSpec cpuScheduling(CpuScheduling scheduling) {
        Copy c = new Copy(this);
        c.cpuScheduling = scheduling;
        return c.build();
    }

    /** The components of a spec, to change one or two and build a new spec (validated as always). */
    /**
     * The stream to this child sends a ping after {@code interval} without reading anything, and declares the child
     * unresponsive after {@code timeout} (at least twice the interval) without reading anything; the child, likewise,
     * exits when its parent was silent that long. Defaults to the router's ({@code RouterOptions.withHeartbeat}).
     */
    public SudoSpec heartbeat(Duration interval, Duration timeout) {
        Copy c = new Copy(this);
        c.heartbeatIntervalMillis = SpecChecks.heartbeatMillis(interval, "heartbeatInterval");
        c.heartbeatTimeoutMillis = SpecChecks.heartbeatMillis(timeout, "heartbeatTimeout");
        return c.build();
    }

    @Override
    public Duration heartbeatInterval() {
        return heartbeatIntervalMillis == 0 ? null : Duration.ofMillis(heartbeatIntervalMillis);
    }

    @Override
    public Duration heartbeatTimeout() {
        return heartbeatTimeoutMillis == 0 ? null : Duration.ofMillis(heartbeatTimeoutMillis);
    }

    private static final class Copy {
        Context via;
        String name;
        String user;
        Secret password;
        String sudoPath;
        boolean loginShell;
        boolean preserveEnvironment;
        boolean setHome;
        List<String> extraArgs;
        TtyMode tty;
        long connectTimeoutMillis;
        String javaPath;
        List<String> jvmOptions;
        List<String> firstStageDirs;
        Map<String, String> environment;
        CpuScheduling cpuScheduling;
        long heartbeatIntervalMillis;
        long heartbeatTimeoutMillis;

        Copy(SudoSpec s) {
            via = s.via;
            name = s.name;
            user = s.user;
            password = s.password;
            sudoPath = s.sudoPath;
            loginShell = s.loginShell;
            preserveEnvironment = s.preserveEnvironment;
            setHome = s.setHome;
            extraArgs = s.extraArgs;
            tty = s.tty;
            connectTimeoutMillis = s.connectTimeoutMillis;
            javaPath = s.javaPath;
            jvmOptions = s.jvmOptions;
            firstStageDirs = s.firstStageDirs;
            environment = s.environment;
            cpuScheduling = s.cpuScheduling;
            heartbeatIntervalMillis = s.heartbeatIntervalMillis;
            heartbeatTimeoutMillis = s.heartbeatTimeoutMillis;
        }

        SudoSpec build() {
            return new SudoSpec(
                    via,
                    name,
                    user,
                    password,
                    sudoPath,
                    loginShell,
                    preserveEnvironment,
                    setHome,
                    extraArgs,
                    tty,
                    connectTimeoutMillis,
                    javaPath,
                    jvmOptions,
                    firstStageDirs,
                    environment,
                    cpuScheduling,
                    heartbeatIntervalMillis,
                    heartbeatTimeoutMillis);
        }
    }
}
