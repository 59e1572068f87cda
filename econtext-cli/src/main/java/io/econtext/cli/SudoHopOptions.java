package io.econtext.cli;

import io.econtext.Secret;
import io.econtext.transport.sudo.SudoSpec;
import io.econtext.transport.sudo.TtyMode;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the {@code sudo:} hops of a chain, applied to every one of them. The password, as for ssh hops,
 * comes from an environment variable ({@code --sudo-password-env}) or a prompt ({@code --ask-sudo-password}), never
 * from the command line.
 */
public final class SudoHopOptions {
    private String passwordEnv;

    @Option(
            names = "--sudo-password-env",
            paramLabel = "VAR",
            description = "Read the sudo password from this environment variable (no process started from here"
                    + " inherits it).")
    void setPasswordEnv(String var) {
        passwordEnv = Passwords.withheld(var);
    }

    @Option(names = "--ask-sudo-password", description = "Prompt for the sudo password on the terminal.")
    private boolean askPassword;

    @Option(names = "--sudo-login", description = "Run sudo hops through the target's login shell (sudo -i).")
    private boolean login;

    @Option(
            names = "--sudo-tty",
            paramLabel = "MODE",
            description = "auto (default: a terminal only when sudo insists), always or never.")
    private String tty;

    private Secret password;

    /** Applies the options to one sudo hop; {@code fail} turns a bad option into a usage error. */
    SudoSpec apply(SudoSpec spec, Function<String, ParameterException> fail) {
        if (tty != null) {
            try {
                spec = spec.tty(TtyMode.valueOf(tty.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw fail.apply("--sudo-tty: '" + tty + "' (expected: auto, always or never)");
            }
        }
        if (login) {
            spec = spec.loginShell(true);
        }
        if (password == null) {
            password = Passwords.read(
                    passwordEnv, askPassword, "--sudo-password-env", "--ask-sudo-password", "sudo password: ", fail);
        }
        return password == null ? spec : spec.password(password);
    }
}
