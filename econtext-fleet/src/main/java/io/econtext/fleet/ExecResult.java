package io.econtext.fleet;

import java.nio.charset.StandardCharsets;

/**
 * What a command run on a host by {@link Fleet#exec} did: its exit code and output. Each stream keeps at most {@link
 * RemoteCommand#MAX_OUTPUT} bytes; what a command printed beyond that is read and dropped ({@code truncated}).
 *
 * @param exitCode the command's exit status; 128 + N when signal N ended it; 127 when it could not be started
 * @param stdout what it wrote to stdout
 * @param stderr what it wrote to stderr (or why it could not be started)
 * @param truncated true when either stream was longer than the bound
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
    /** stdout as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** stderr as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ExecResult(exit " + exitCode + ", " + stdout.length + " B stdout, " + stderr.length + " B stderr"
                + (truncated ? ", truncated" : "") + ")";
    }
}
