package io.econtext.internal.boot;

import io.econtext.internal.router.AsyncInput;
import io.econtext.spi.AsyncTransportProcess;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Reads a child's stderr line by line on its own thread, or takes its bytes as an {@link AsyncTransportProcess}
 * delivers them ({@link #bytes}, {@link #ended()}). Before the handshake it keeps the last lines for the error
 * report; after it, every line is forwarded as the context's output (this is where {@code System.out} of native code
 * and subprocesses started with inherited stdio arrive). Lines end at {@code \n}, {@code \r\n} or {@code \r}, and
 * at {@link #MAX_LINE} chars.
 */
final class StderrPump implements Runnable, AsyncInput.StderrSink {
    private static final int TAIL_LINES = 40;
    /**
     * A line longer than this many chars is passed on in pieces of this size: what a child prints without a newline
     * must not grow the booting JVM's memory (and the tail kept for a failed boot stays under 40 x 8 Ki chars).
     */
    static final int MAX_LINE = 8192;

    private final TransportProcess process;
    private final int contextId;
    private final String name;
    private final Bootstrapper.OutputSink sink;
    private final ArrayDeque<String> tail = new ArrayDeque<String>();
    private volatile boolean forwarding;
    private volatile boolean ended;
    // the line being assembled: the reading thread's, or the transport's (one callback at a time)
    private final StringBuilder line = new StringBuilder();
    private boolean afterCr;
    /** For bytes pushed by an {@link AsyncTransportProcess}: UTF-8, a sequence split across deliveries kept. */
    private CharsetDecoder utf8;

    private ByteBuffer undecoded;
    private CharBuffer decoded;
    /** The input of an asynchronous process's stream, whose thread delivers the lines; else {@code null}. */
    private volatile AsyncInput from;

    StderrPump(TransportProcess process, int contextId, String name, Bootstrapper.OutputSink sink) {
        this.process = process;
        this.contextId = contextId;
        this.name = name;
        this.sink = sink;
    }

    /** The lines are delivered on {@code input}'s transport thread (see {@link Bootstrapper.OutputSink}). */
    void from(AsyncInput input) {
        this.from = input;
    }

    void start() {
        Thread t = new Thread(this, "econtext-stderr-" + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try (InputStreamReader r = new InputStreamReader(process.stderr(), StandardCharsets.UTF_8)) {
            char[] chunk = new char[4096];
            int n;
            while ((n = r.read(chunk)) >= 0) {
                chars(chunk, 0, n);
            }
        } catch (IOException ignored) {
            // the process is gone; the tail has what it printed
        } finally {
            ended();
        }
    }

    /** Bytes of stderr delivered by an {@link AsyncTransportProcess}; one delivery at a time. */
    @Override
    public void bytes(byte[] b, int off, int len) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            undecoded = ByteBuffer.allocate(4096);
            decoded = CharBuffer.allocate(4096);
        }
        while (len > 0) {
            int n = Math.min(len, undecoded.remaining());
            undecoded.put(b, off, n);
            off += n;
            len -= n;
            undecoded.flip();
            do {
                decoded.clear();
                utf8.decode(undecoded, decoded, false);
                chars(decoded.array(), 0, decoded.position());
            } while (decoded.position() > 0 && undecoded.remaining() > 0);
            undecoded.compact(); // what is left is the start of a sequence the next delivery completes
        }
    }

    private void chars(char[] chunk, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chunk[i];
            if (c == '\n' && afterCr) {
                afterCr = false; // the \n of \r\n: its line was passed on at the \r
                continue;
            }
            afterCr = c == '\r';
            if (c == '\n' || c == '\r') {
                line(line.toString());
                line.setLength(0);
            } else if (line.append(c).length() == MAX_LINE) {
                line(line.toString());
                line.setLength(0);
            }
        }
    }

    /** Stderr ended: the last partial line is passed on, and whoever waits for the tail is told. */
    @Override
    public void ended() {
        if (line.length() > 0) {
            line(line.toString());
            line.setLength(0);
        }
        synchronized (tail) {
            ended = true;
            tail.notifyAll();
        }
    }

    private void line(String line) {
        if (!forwarding) {
            synchronized (tail) {
                if (!forwarding) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                    return;
                }
            }
        }
        deliver(line);
    }

    private void deliver(String line) {
        AsyncInput in = from;
        if (in == null) {
            sink.line(contextId, "stderr", line);
        } else {
            sink.line(contextId, "stderr", line, in);
        }
    }

    /** From now on lines are forwarded; the ones kept so far are forwarded first. */
    void handshakeDone() {
        synchronized (tail) {
            for (String line : tail) {
                deliver(line);
            }
            tail.clear();
            forwarding = true;
        }
    }

    /** Waits (bounded) for the process and its stderr to end, then returns the kept lines. */
    String tailAfterExit(TransportProcess p) {
        try {
            p.waitFor(Duration.ofSeconds(3));
            long deadline = System.currentTimeMillis() + 1000;
            synchronized (tail) {
                while (!ended && System.currentTimeMillis() < deadline) {
                    tail.wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }
}
