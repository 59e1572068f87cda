package io.econtext.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** An exec request on a virtual host through the system's OpenSSH client, as a user's script would send it. */
final class FleetSsh {
    private FleetSsh() {}

    /** {@code ssh -p PORT host@127.0.0.1 COMMAND} with the fleet's key and known_hosts; its stdout (exit status 0). */
    static String run(SimulatedFleet fleet, String host, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "ssh",
                        "-i",
                        fleet.clientKeyFile().toString(),
                        "-o",
                        "UserKnownHostsFile=" + fleet.knownHostsFile(),
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "IdentitiesOnly=yes",
                        "-p",
                        Integer.toString(fleet.port(host)),
                        host + "@127.0.0.1",
                        command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit status of ssh %s %s", host, command).isZero();
        return out;
    }
}
