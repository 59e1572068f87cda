package io.econtext.transport.ssh;

import java.util.Optional;

/**
 * An extra ssh argument ({@link SshSpec#extraArgs}) that econtext refuses: it would break the bootstrap (a terminal,
 * a closed stdin, another remote command), or it sets what a typed option of the spec sets ({@link #setting()}). The
 * message names the spec method to use instead; a front end with options of its own (the CLI) names its option from
 * {@link #setting()}.
 */
public final class SshArgumentRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;
    private final String option;
    private final String reason;
    private final transient SshSetting setting;

    SshArgumentRefusedException(String argument, String option, String why, SshSetting setting) {
        super("extraArgs : '" + argument + "' (refused: " + option + " " + why + ")");
        this.argument = argument;
        this.option = option;
        this.reason = why;
        this.setting = setting;
    }

    /** The argument as given, e.g. {@code -o IdentitiesOnly=yes}. */
    public String argument() {
        return argument;
    }

    /** The option it sets as ssh spells it, e.g. {@code IdentitiesOnly} or {@code -p}. */
    public String option() {
        return option;
    }

    /** Why, after the option: e.g. {@code asks for a terminal, which would mangle the binary protocol}. */
    public String reason() {
        return reason;
    }

    /** The setting econtext sets itself, when that is why the argument was refused. */
    public Optional<SshSetting> setting() {
        return Optional.ofNullable(setting);
    }
}
