package io.econtext.internal.boot;

import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Reads a child's stderr line by line on its own thread. Before the handshake it keeps the last lines for the error
 * report; after it, every line is forwarded as the context's output (this is where {@code System.out} of native code
 * and subprocesses started with inherited stdio arrive).
 */
final class StderrPump implements Runnable {
    private static final int TAIL_LINES = 40;
    /** The longest line forwarded as one: longer ones arrive in pieces of this many characters. */
    static final int MAX_LINE = 64 * 1024;

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
        try (Reader r = new InputStreamReader(process.stderr(), StandardCharsets.UTF_8)) {
            Lines lines = new Lines(r);
            String line;
            while ((line = lines.next()) != null) {
                if (forwarding) {
                    sink.line(contextId, "stderr", line);
                    continue;
                }
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
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

    /**
     * Splits what a child prints into lines, as {@link java.io.BufferedReader#readLine()} does, but hands out a line
     * that reaches {@link #MAX_LINE} characters in pieces: the child decides what it prints, and one that never ends a
     * line must not grow one here without bound.
     */
    static final class Lines {
        private final Reader in;
        private final char[] buf = new char[8192];
        private final StringBuilder line = new StringBuilder();
        private int pos;
        private int limit;
        private boolean skipLf;

        Lines(Reader in) {
            this.in = in;
        }

        /** The next line without its terminator, or {@code null} at the end. */
        String next() throws IOException {
            line.setLength(0);
            while (true) {
                if (pos == limit) {
                    int n = in.read(buf);
                    if (n < 0) {
                        return line.length() > 0 ? line.toString() : null;
                    }
                    pos = 0;
                    limit = n;
                }
                char c = buf[pos++];
                if (skipLf) {
                    skipLf = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    skipLf = c == '\r';
                    return line.toString();
                }
                line.append(c);
                if (line.length() == MAX_LINE) {
                    return line.toString();
                }
            }
        }
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
