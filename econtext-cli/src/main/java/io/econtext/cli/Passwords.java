package io.econtext.cli;

import io.econtext.Secret;
import io.econtext.spi.InheritedEnvironment;
import java.io.Console;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * Where the command line gets a password from: never its own arguments, but an environment variable or a prompt on
 * the terminal, read once and kept as a {@link Secret}. A variable named for a password is withheld from every
 * process started from this JVM ({@link InheritedEnvironment}) as soon as the option is parsed, before any hop boots:
 * Java cannot remove it from its own environment, but no child JVM, {@code ssh}, {@code sudo}, askpass helper or tool
 * inherits it.
 */
final class Passwords {
    private Passwords() {}

    /** {@code envVar}, now withheld from every process this JVM starts; called when the option is parsed. */
    static String withheld(String envVar) {
        try {
            InheritedEnvironment.withhold(envVar);
        } catch (IllegalArgumentException e) {
            // not a variable name: read() reports it as not set
        }
        return envVar;
    }

    /**
     * The password named by {@code envVar} or, with {@code ask}, typed at {@code prompt}; {@code null} when neither is
     * asked for. {@code envFlag} and {@code askFlag} name the options in usage errors.
     */
    static Secret read(
            String envVar,
            boolean ask,
            String envFlag,
            String askFlag,
            String prompt,
            Function<String, ParameterException> fail) {
        if (envVar != null && ask) {
            throw fail.apply(envFlag + " and " + askFlag + ": give one of them");
        }
        if (envVar != null) {
            String value = System.getenv(envVar);
            if (value == null) {
                throw fail.apply(envFlag + ": the environment variable " + envVar + " is not set");
            }
            return Secret.of(value.toCharArray());
        }
        if (!ask) {
            return null;
        }
        Console console = System.console();
        if (console == null) {
            throw fail.apply(askFlag + ": no terminal to prompt on (use " + envFlag + " VAR instead)");
        }
        char[] typed = console.readPassword(prompt);
        if (typed == null) {
            throw fail.apply(askFlag + ": no password was typed");
        }
        Secret secret = Secret.of(typed);
        Arrays.fill(typed, '\0');
        return secret;
    }
}
