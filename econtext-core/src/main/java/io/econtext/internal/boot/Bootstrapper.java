package io.econtext.internal.boot;

import io.econtext.BootTimeoutException;
import io.econtext.BootstrapException;
import io.econtext.ConnectionSpec;
import io.econtext.ContextInfo;
import io.econtext.CpuScheduling;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.AsyncInput;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.util.Scheduler;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.spi.AsyncTransportProcess;
import io.econtext.spi.BootCommand;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Boots one child through a transport. The sequence, bounded as a whole by the spec's connect timeout:
 *
 * <pre>
 *  booter                                             child (sh, then java)
 *    start transport: sh -c SCRIPT  ------------------->  a candidate with room: the jar's file, opened as fd 5, deleted
 *    stdin: stage1 | u32 n | bundle | params frame --->  head -c stage1 &gt;&amp;5; exec java -cp /dev/fd/5 EcontextStage1
 *                                        &lt;-------------  "ECONTEXT-READY:1\n"   (anything before it is junk)
 *                                        &lt;-------------  hello frame [pid, user, host, java.version, java.home]
 *    the stream is up; routing starts
 * </pre>
 *
 * Everything is written in one go, without waiting for the child. A failure is diagnosed from the exit status,
 * the junk before the marker and the tail of stderr.
 *
 * <p>Threads: {@link #boot} blocks the calling thread. For a process on pipes it uses one extra thread for stdin and
 * one for stderr, and the stream gets a reader thread; an {@link AsyncTransportProcess} takes the runtime in one
 * write and delivers stdout and stderr by callback ({@link AsyncInput}), so it costs no thread. The child's process
 * is the {@link ProcessReaper}'s once the boot failed or the stream closed.
 */
public final class Bootstrapper {
    private static final Log LOG = Log.get(Bootstrapper.class);
    static final byte[] READY = "ECONTEXT-READY:1\n".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_JUNK = 8192;

    /** Where a child's stderr lines go once it is up. */
    public interface OutputSink {
        void line(int contextId, String stream, String line);

        /**
         * A line of a child whose bytes arrive by callback on {@code from}'s transport thread: a sink that may block
         * hands it off (and may {@link AsyncInput#pause() pause} {@code from}). By default as {@link #line}.
         */
        default void line(int contextId, String stream, String line, AsyncInput from) {
            line(contextId, stream, line);
        }
    }

    /**
     * A booted child: its stream (reader not started yet), its process and what it said about itself; {@code input}
     * is the stream's input side when the process delivers by callback, else {@code null}.
     */
    public record Booted(Stream stream, TransportProcess process, ContextInfo info, AsyncInput input) {}

    private final RuntimeImage image;
    private final byte[] stage1Jar;
    private final Scheduler scheduler;
    private final ValueCodec codec;
    private final OutputSink sink;
    private final ProcessReaper reaper;

    public Bootstrapper(
            RuntimeImage image, Scheduler scheduler, ValueCodec codec, OutputSink sink, ProcessReaper reaper) {
        this.image = image;
        this.stage1Jar = firstStageJar(image.stage1());
        this.scheduler = scheduler;
        this.codec = codec;
        this.sink = sink;
        this.reaper = reaper;
    }

    public <S extends ConnectionSpec> Booted boot(Transport<S> transport, S spec, BootRequest request) {
        long start = System.nanoTime();
        String script = BootScript.render(
                spec.javaPath(),
                spec.jvmOptions(),
                request.name(),
                stage1Jar.length,
                firstStageDirs(spec),
                spec.cpuScheduling() == CpuScheduling.BATCH);
        final TransportProcess process;
        try {
            process = transport.start(
                    spec, new BootCommand(script, spec.environment() == null ? Map.of() : spec.environment()));
        } catch (IOException e) {
            throw new BootstrapException(
                    "could not start the " + spec.scheme() + " transport for '" + request.name() + "': "
                            + e.getMessage(),
                    e);
        }
        StderrPump stderr = new StderrPump(process, request.id(), request.name(), sink);
        final boolean[] timedOut = new boolean[1];
        Duration timeout = spec.connectTimeout();
        // one bound for the whole boot: what starting the transport took (an embedded client's login) counts too
        long left = Math.max(1, timeout.toNanos() - (System.nanoTime() - start));
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        Message hello = null;
        IOException failure = null;
        FrameReader reader = null;
        AsyncInput input = null;
        if (process instanceof AsyncTransportProcess) {
            AsyncTransportProcess async = (AsyncTransportProcess) process;
            input = new AsyncInput(async, request.maxFrame(), READY, junk, MAX_JUNK, stderr);
            stderr.from(input);
            CompletableFuture<Void> written = writeStdin(async, firstBytes(request), request.name());
            async.start(input);
            try {
                hello = input.hello().get(left, TimeUnit.NANOSECONDS);
                if (hello != null) { // the child read it all; the stream's writes start once this one is done
                    written.get(Math.max(1, timeout.toNanos() - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                timedOut[0] = true;
                hello = null;
                process.kill();
            } catch (ExecutionException e) {
                hello = null;
                failure = e.getCause() instanceof IOException
                        ? (IOException) e.getCause()
                        : new IOException(String.valueOf(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.kill();
                failure = new java.io.InterruptedIOException("interrupted while booting");
                hello = null;
            }
        } else {
            stderr.start();
            writeStdinAsync(process, firstBytes(request), request.name());
            Scheduler.Cancellable timer = scheduler.schedule(
                    new Runnable() {
                        @Override
                        public void run() {
                            timedOut[0] = true;
                            process.kill();
                        }
                    },
                    Math.max(1, left / 1_000_000L));
            reader = new FrameReader(process.stdout(), request.maxFrame());
            try {
                if (reader.skipToMarker(READY, junk, MAX_JUNK)) {
                    hello = reader.read();
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                timer.cancel();
            }
        }
        if (hello == null) {
            // The reaper lets the process end by itself first: its own exit status (127: no java; 255: ssh failed)
            // says more than the 137 of a kill.
            reapNow(process, request.name());
            String out = BootDiagnosis.output(junk, stderr.tailAfterExit(process));
            if (timedOut[0]) {
                throw new BootTimeoutException(
                        "'" + request.name() + "' did not complete its bootstrap within " + timeout.toMillis()
                                + " ms (connect timeout); raise connectTimeout if the target is slow",
                        out);
            }
            throw BootDiagnosis.diagnose(transport, process, spec, request.name(), process.exitStatus(), out, failure);
        }
        if (junk.size() > 0) {
            LOG.info("'" + request.name() + "' printed before its handshake (ignored): "
                    + new String(junk.toByteArray(), StandardCharsets.UTF_8).strip());
        }
        stderr.handshakeDone();
        long millis = (System.nanoTime() - start) / 1_000_000L;
        ContextInfo info;
        try {
            // what the child says about itself, before anything checked it: plain values only
            info = io.econtext.internal.protocol.BootAnswer.hello(codec.decodePlain(hello.data, 0, hello.data.length))
                    .info(request.name(), millis);
        } catch (RuntimeException e) {
            reapNow(process, request.name());
            throw new BootstrapException(
                    "'" + request.name() + "' answered its handshake with a malformed hello: " + e.getMessage(), e);
        }
        Runnable reap = new Runnable() {
            @Override
            public void run() {
                reaper.reap(process, request.name());
            }
        };
        Stream stream = input != null
                ? input.stream(request.name(), request.id(), reap)
                : new Stream(request.name(), request.id(), reader, new FrameWriter(process.stdin()), reap);
        stream.setHeartbeat(request.heartbeatIntervalMillis(), request.heartbeatTimeoutMillis());
        return new Booted(stream, process, info, input);
    }

    /**
     * The first stage as the boot script writes it (see {@link BootScript} for why a jar): one deflated entry, {@code
     * EcontextStage1.class}, no manifest.
     */
    static byte[] firstStageJar(byte[] classFile) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("EcontextStage1.class"));
            zip.write(classFile);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static java.util.List<String> firstStageDirs(ConnectionSpec spec) {
        java.util.List<String> dirs = spec.firstStageDirs();
        return dirs == null || dirs.isEmpty() ? BootScript.DEFAULT_DIRS : dirs;
    }

    /** What the boot writes to the child's stdin: the first stage, {@code u32 n}, the runtime, the parameters frame. */
    private byte[] firstBytes(BootRequest request) {
        byte[] bundle = image.bundle();
        byte[] params = Frames.encode(Message.of(request.id(), 0, 0, 0, 0, codec.encode(request.toValue())));
        byte[] all = new byte[stage1Jar.length + 4 + bundle.length + params.length];
        System.arraycopy(stage1Jar, 0, all, 0, stage1Jar.length);
        int p = stage1Jar.length;
        all[p] = (byte) (bundle.length >>> 24);
        all[p + 1] = (byte) (bundle.length >>> 16);
        all[p + 2] = (byte) (bundle.length >>> 8);
        all[p + 3] = (byte) bundle.length;
        System.arraycopy(bundle, 0, all, p + 4, bundle.length);
        System.arraycopy(params, 0, all, p + 4 + bundle.length, params.length);
        return all;
    }

    /**
     * Writes {@code bytes} to an asynchronous process in one write; the returned future completes when the write did
     * (exceptionally when it failed).
     */
    private static CompletableFuture<Void> writeStdin(AsyncTransportProcess process, byte[] bytes, String name) {
        final CompletableFuture<Void> written = new CompletableFuture<Void>();
        process.write(bytes, 0, bytes.length, failure -> {
            if (failure == null) {
                written.complete(null);
            } else {
                LOG.debug("writing the runtime to '" + name + "' failed: " + failure.getMessage());
                written.completeExceptionally(failure);
            }
        });
        return written;
    }

    /** Writes {@code bytes} to the process's stdin pipe on a thread of its own: the child may be slow to read. */
    private static void writeStdinAsync(final TransportProcess process, final byte[] bytes, final String name) {
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        try {
                            OutputStream in = process.stdin();
                            in.write(bytes);
                            in.flush();
                        } catch (IOException e) {
                            LOG.debug("writing the runtime to '" + name + "' failed: " + e.getMessage());
                        }
                    }
                },
                "econtext-boot-stdin-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Reaps a process that failed its boot and waits for it: the boot fails with nothing left running. */
    private void reapNow(TransportProcess process, String name) {
        reaper.reap(process, name);
        try {
            reaper.await(java.util.List.of(process), ProcessReaper.BOUND_MILLIS + 500);
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
        }
    }
}
