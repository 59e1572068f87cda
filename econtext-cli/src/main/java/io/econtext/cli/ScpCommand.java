package io.econtext.cli;

import picocli.CommandLine.Command;

/**
 * {@code econtext scp}: scp with its remote side in the last context of the chain.
 *
 * <pre>
 * $ econtext scp --via ssh:ops@app1 --via sudo -- ctx:/var/log/syslog ./app1-syslog
 * </pre>
 */
@Command(
        name = "scp",
        description = {
            "Run scp here, its remote side in the last context of the chain, and exit with scp's exit code.",
            FakeSshToolCommand.REMOTE_PATHS,
            "Example: econtext scp --via ssh:ops@app1 --via sudo -- ctx:/var/log/syslog ."
        })
public final class ScpCommand extends FakeSshToolCommand {
    public ScpCommand() {
        super("scp");
    }
}
