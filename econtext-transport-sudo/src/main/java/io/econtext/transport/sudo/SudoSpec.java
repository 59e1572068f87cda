package io.econtext.transport.sudo;

import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.spi.SettingsSpec;
import io.econtext.spi.SpecChecks;
import io.econtext.spi.SpecSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * @param settings the settings every spec shares ({@link SettingsSpec}): via (the context that runs {@code sudo}),
 *     name, the {@code java} to run as the target user, JVM options, connect timeout (including sudo's
 *     authentication), first-stage directories (as the target user), variables exported for the child JVM, CPU
 *     scheduling, heartbeat
 * @param user the target user ({@code -u}): a login name or {@code #uid}
 * @param password the password sudo asks for (the booting user's, or the target's under {@code targetpw}), or
 *     {@code null}: a prompt then fails the boot with {@link SudoPasswordRequiredException}
 * @param sudoPath the {@code sudo} program to run
 * @param loginShell run through the target user's login shell ({@code -i}): its profile is read, its junk ignored
 * @param preserveEnvironment keep the booting user's environment ({@code -E}; the sudoers policy must allow it)
 * @param setHome set {@code HOME} to the target user's home ({@code -H})
 * @param extraArgs further sudo options, e.g. {@code -g group}; options that would break the bootstrap are refused
 * @param tty whether sudo gets a terminal (see {@link TtyMode})
 */
public record SudoSpec(
        SpecSettings settings,
        String user,
        Secret password,
        String sudoPath,
        boolean loginShell,
        boolean preserveEnvironment,
        boolean setHome,
        List<String> extraArgs,
        TtyMode tty)
        implements SettingsSpec<SudoSpec> {

    public SudoSpec {
        if (settings == null) {
            throw new IllegalArgumentException("settings : null (expected: e.g. SpecSettings.defaults())");
        }
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
    }

    @Override
    public String scheme() {
        return Sudo.SCHEME;
    }

    @Override
    public SudoSpec withSettings(SpecSettings settings) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    public SudoSpec user(String user) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    /**
     * Give sudo {@code password} when it asks (through its askpass helper), once: a second ask fails the boot with
     * {@link SudoPasswordIncorrectException} instead of waiting.
     */
    public SudoSpec password(Secret password) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    public SudoSpec sudoPath(String sudoPath) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    /** {@code -i}: run through the target user's login shell. */
    public SudoSpec loginShell(boolean loginShell) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    /** {@code -E}: keep the booting user's environment, where the sudoers policy allows it. */
    public SudoSpec preserveEnvironment(boolean preserveEnvironment) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    /** {@code -H}: {@code HOME} is the target user's home. */
    public SudoSpec setHome(boolean setHome) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }

    /** Adds sudo options, e.g. {@code extraArgs("-g", "www-data")}; see {@link SudoCommand} for the accepted ones. */
    public SudoSpec extraArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(Arrays.asList(args));
        return new SudoSpec(settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, all, tty);
    }

    public SudoSpec tty(TtyMode tty) {
        return new SudoSpec(
                settings, user, password, sudoPath, loginShell, preserveEnvironment, setHome, extraArgs, tty);
    }
}
