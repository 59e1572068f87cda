package io.econtext.testkit.sshd;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

/**
 * A MINA SSHD exec command that keeps what MINA hands it before {@code start}: the channel's stdin, stdout and stderr
 * and the callback that sends the exit status (and closes the channel).
 */
public abstract class StdioCommand implements Command {
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;

    @Override
    public final void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public final void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    /** The channel's stdin (what the client sends). */
    protected final InputStream in() {
        return in;
    }

    /** The channel's stdout; writes may wait for the client's window, flush sends. */
    protected final OutputStream out() {
        return out;
    }

    /** The channel's stderr. */
    protected final OutputStream err() {
        return err;
    }

    /** Sends the exit status and closes the channel. */
    protected final ExitCallback exitCallback() {
        return exitCallback;
    }
}
