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
}
