package io.econtext.cli;

import io.econtext.ChannelClosedException;
import io.econtext.RemoteCallable;
import io.econtext.Sender;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The remote half of {@code econtext exec}: runs a command in the context it is called in and streams its output
 * home. Only JDK and API types, so that shipping it to a child costs one small class.
 *
 * <p>What goes through the sender, in order per stream, then the channel is closed:
 *
 * <pre>
 * ["o", byte[]]   a chunk of the command's stdout
 * ["e", byte[]]   a chunk of its stderr (also econtext's own "cannot run" message)
 * </pre>
 *
 * <pre>{@code
 * Receiver<Object> r = router.newReceiver();
 * CompletableFuture<Integer> rc = ctx.callAsync(RemoteExec.task(List.of("uname", "-a"), r.sender()));
 * for (Object chunk : r) { ... }
 * int exitCode = rc.join();
 * }</pre>
 */
public final class RemoteExec {
    /** Tag of a stdout chunk. */
    public static final String STDOUT = "o";
    /** Tag of a stderr chunk. */
    public static final String STDERR = "e";
    /** Exit code when the command could not be started, as a shell reports a missing command. */
    public static final int CANNOT_RUN = 127;

    private static final int CHUNK = 32 * 1024;

    /**
     * One chunk of the command's output as it crosses the channel, {@code [tag, bytes]}, decoded and checked once.
     *
     * @param stderr the chunk is of stderr ({@link #STDERR}), else of stdout
     * @param bytes its bytes
     */
    public record Chunk(boolean stderr, byte[] bytes) {
        /**
         * The chunk {@code value} holds.
         *
         * @throws IllegalArgumentException when it is anything else
         */
        public static Chunk fromWire(Object value) {
            if (value instanceof List && ((List<?>) value).size() == 2) {
                List<?> v = (List<?>) value;
                if ((STDOUT.equals(v.get(0)) || STDERR.equals(v.get(0))) && v.get(1) instanceof byte[]) {
                    return new Chunk(STDERR.equals(v.get(0)), (byte[]) v.get(1));
                }
            }
            throw new IllegalArgumentException("not an output chunk: "
                    + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
        }
    }

    private RemoteExec() {}

    /** {@link #run} as a function for {@link io.econtext.Caller#callAsync}; captures only codec types. */
    public static RemoteCallable<Integer> task(List<String> argv, Sender<Object> out) {
        List<String> args = List.copyOf(argv);
        return () -> run(args, out);
    }

    /**
     * Runs {@code argv} with stdin from {@code /dev/null}, sends its output to {@code out} as it comes, closes
     * {@code out} once the command ended and its output was sent, and returns its exit status (128 + signal when a
     * signal ended it). Blocks until then. When the calling thread is interrupted (the context is exiting), the
     * command and its descendants are killed.
     */
    public static int run(List<String> argv, Sender<Object> out) throws InterruptedException {
        try {
            Process process;
            try {
                process = new ProcessBuilder(argv)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
            } catch (IOException e) {
                out.send(List.of(STDERR, ("econtext: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)));
                return CANNOT_RUN;
            }
            Thread stdout = pump(process.getInputStream(), STDOUT, out);
            Thread stderr = pump(process.getErrorStream(), STDERR, out);
            try {
                int status = process.waitFor();
                stdout.join();
                stderr.join();
                return status;
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
        } finally {
            out.close();
        }
    }

    private static Thread pump(InputStream in, String tag, Sender<Object> out) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[CHUNK];
                    try (in) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (n > 0) {
                                out.send(List.of(tag, Arrays.copyOf(buffer, n)));
                            }
                        }
                    } catch (IOException | ChannelClosedException e) {
                        // The process was killed and its pipe or our sender closed under us, or the receiver was
                        // closed: nothing more to send.
                    }
                },
                "econtext-exec-" + tag);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
