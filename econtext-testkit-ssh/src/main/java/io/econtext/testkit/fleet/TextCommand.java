package io.econtext.testkit.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An exec request the server answers itself, without a process: prints a text and exits 0 ({@code hostname}: the virtual
 * host's name; {@code econtext-fleet-contexts}: how many contexts run in the server JVM).
 */
final class TextCommand implements Command {
    private final String text;
    private final Executor executor;
    private OutputStream out;
    private ExitCallback exitCallback;

    TextCommand(String text, Executor executor) {
        this.text = text;
        this.executor = executor;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    /** Writes on the executor: a write may wait for the client's window, which an I/O thread must not. */
    @Override
    public void start(ChannelSession channel, Environment env) {
        executor.execute(() -> {
            int status = 0;
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                status = 1;
            }
            exitCallback.onExit(status);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {}
}
