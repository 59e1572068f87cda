package io.econtext.internal.child;

import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.protocol.LogRecord;
import io.econtext.internal.protocol.OutputLine;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends a child's logs and {@code System.out}/{@code System.err} lines to the master, which logs them under a logger
 * naming the context. Records below the level the master asked for are dropped here, before they cost a message.
 *
 * <p>Wire: LOG carries {@code [context id, level, logger, message, throwable or null]}; STDIO carries
 * {@code [context id, "stdout" | "stderr", line]}; both go to context 0.
 */
public final class OutputForwarding implements Log.Sink {
    private static volatile OutputForwarding installed;

    private final RouterCore router;
    private final ValueCodec codec;
    private final int minLevel;
    private final ThreadLocal<Boolean> sending = new ThreadLocal<Boolean>();
    private final LineStream out;
    private final LineStream err;

    private OutputForwarding(RouterCore router, ValueCodec codec, int minLevel) {
        this.router = router;
        this.codec = codec;
        this.minLevel = minLevel;
        this.out = new LineStream("stdout");
        this.err = new LineStream("stderr");
    }

    /**
     * Forwards this runtime's logs, and with {@code systemStreams} this JVM's {@code System.out}/{@code System.err}
     * (not when the JVM is shared with others, as by an in-JVM fake context).
     */
    static void install(RouterCore router, ValueCodec codec, int minLevel, boolean systemStreams) {
        OutputForwarding f = new OutputForwarding(router, codec, minLevel);
        installed = f;
        Log.install(f);
        if (systemStreams) {
            System.setOut(new PrintStream(f.out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(f.err, true, StandardCharsets.UTF_8));
        }
    }

    /** The installed forwarder, for the SLF4J provider. */
    public static OutputForwarding get() {
        return installed;
    }

    static void flush() {
        OutputForwarding f = installed;
        if (f != null) {
            f.out.flushPartial();
            f.err.flushPartial();
        }
    }

    @Override
    public boolean isEnabled(String logger, int level) {
        return level >= minLevel;
    }

    @Override
    public void log(String logger, int level, String message, Throwable error) {
        if (level < minLevel || sending.get() != null) {
            return; // routing a record may log (e.g. "undeliverable" once the parent is gone): never recurse
        }
        sending.set(Boolean.TRUE);
        try {
            forward(logger, level, message, error);
        } finally {
            sending.remove();
        }
    }

    private void forward(String logger, int level, String message, Throwable error) {
        byte[] data;
        try {
            data = codec.encode(new LogRecord(router.id(), level, logger, message, error).toWire());
        } catch (RuntimeException e) {
            data = codec.encode(new LogRecord(router.id(), level, logger, message, null).toWire());
        }
        router.send(Message.of(0, router.id(), Handles.LOG, 0, 0, data));
    }

    private void line(String stream, String text) {
        router.send(Message.of(
                0, router.id(), Handles.STDIO, 0, 0, codec.encode(new OutputLine(router.id(), stream, text).toWire())));
    }

    /** Collects bytes into lines; each complete line becomes one STDIO message. */
    private final class LineStream extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);

        LineStream(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                buf.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    buf.write(b, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            buf.write(b, start, off + len - start);
        }

        private void emit() {
            byte[] bytes = buf.toByteArray();
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\r') {
                n--;
            }
            buf.reset();
            line(name, new String(bytes, 0, n, StandardCharsets.UTF_8));
        }

        synchronized void flushPartial() {
            if (buf.size() > 0) {
                emit();
            }
        }
    }
}
