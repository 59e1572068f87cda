package io.econtext.spi;

import java.util.Map;

/**
 * What a transport must run on the target: {@code /bin/sh -c script}, with its stdio connected to the process it
 * returns. The script is small (the runtime follows over stdin) and contains no secret.
 *
 * @param script the POSIX shell script to run
 * @param environment variables to add to the target's environment when the transport can (local ones can)
 */
public record BootCommand(String script, Map<String, String> environment) {
    public BootCommand {
        environment = Map.copyOf(environment);
    }

    /**
     * The script with the environment exported first ({@link Shell#exports}): for transports that cannot set
     * variables on the process they start, or whose target resets them (a login shell, sudo's {@code env_reset}).
     */
    public String scriptWithEnvironment() {
        return Shell.exports(environment) + script;
    }
}
