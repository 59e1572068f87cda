package io.econtext.cli;

import picocli.CommandLine.Command;

/**
 * {@code econtext sftp}: sftp talking to an sftp-server in the last context of the chain.
 *
 * <pre>
 * $ econtext sftp --via ssh:ops@app1 -- -b batch.txt ctx
 * </pre>
 */
@Command(
        name = "sftp",
        description = {
            "Run sftp here, its sftp-server in the last context of the chain, and exit with sftp's exit code.",
            FakeSshToolCommand.REMOTE_PATHS,
            "Example: econtext sftp --via ssh:ops@app1 -- -b batch.txt ctx:/srv/"
        })
public final class SftpCommand extends FakeSshToolCommand {
    public SftpCommand() {
        super("sftp");
    }
}
