package io.econtext.cli;

import io.econtext.Secret;
import java.io.Console;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * Where the command line gets a password from: never its own arguments, but an environment variable or a prompt on
 * the terminal, read once and kept as a {@link Secret}.
 */
final class Passwords {
    private Passwords() {}

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
