package io.econtext.testkit.fleet;

import io.econtext.testkit.sshd.StdioCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An exec request the server answers itself, without a process: prints a text and exits 0 ({@code hostname}: the virtual
 * host's name; {@code econtext-fleet-contexts}: how many contexts run in the server JVM).
 */
final class TextCommand extends StdioCommand {
    private final String text;
    private final Executor executor;

    TextCommand(String text, Executor executor) {
        this.text = text;
        this.executor = executor;
    }

    /** Writes on the executor: a write may wait for the client's window, which an I/O thread must not. */
    @Override
    public void start(ChannelSession channel, Environment env) {
        executor.execute(() -> {
            int status = 0;
            try {
                out().write(text.getBytes(StandardCharsets.UTF_8));
                out().flush();
            } catch (IOException e) {
                status = 1;
            }
            exitCallback().onExit(status);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {}
}
