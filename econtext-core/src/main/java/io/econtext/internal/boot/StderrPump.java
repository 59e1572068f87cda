package io.econtext.internal.boot;

import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Reads a child's stderr line by line on its own thread. Before the handshake it keeps the last lines for the error
 * report; after it, every line is forwarded as the context's output (this is where {@code System.out} of native code
 * and subprocesses started with inherited stdio arrive). Lines end at {@code \n}, {@code \r\n} or {@code \r}, and
 * at {@link #MAX_LINE} chars.
 */
final class StderrPump implements Runnable {
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

    StderrPump(TransportProcess process, int contextId, String name, Bootstrapper.OutputSink sink) {
        this.process = process;
        this.contextId = contextId;
        this.name = name;
        this.sink = sink;
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
            StringBuilder line = new StringBuilder();
            boolean afterCr = false;
            int n;
            while ((n = r.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
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
            if (line.length() > 0) {
                line(line.toString());
            }
        } catch (IOException ignored) {
            // the process is gone; the tail has what it printed
        } finally {
            synchronized (tail) {
                ended = true;
                tail.notifyAll();
            }
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
        sink.line(contextId, "stderr", line);
    }

    /** From now on lines are forwarded; the ones kept so far are forwarded first. */
    void handshakeDone() {
        synchronized (tail) {
            for (String line : tail) {
                sink.line(contextId, "stderr", line);
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
