package io.econtext.cli;

import picocli.CommandLine.Command;

/**
 * {@code econtext rsync}: rsync with its remote side in the last context of the chain.
 *
 * <pre>
 * $ econtext rsync --via ssh:ops@app1 --via sudo:deploy -- -a --delete build/ ctx:/srv/app/
 * </pre>
 */
@Command(
        name = "rsync",
        description = {
            "Run rsync here, its remote side in the last context of the chain, and exit with rsync's exit code.",
            FakeSshToolCommand.REMOTE_PATHS,
            "Example: econtext rsync --via ssh:ops@app1 -- -a build/ ctx:/srv/app/"
        })
public final class RsyncCommand extends FakeSshToolCommand {
    public RsyncCommand() {
        super("rsync");
    }
}
