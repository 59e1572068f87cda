package io.econtext.internal.master;

import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.core.RouterOptions;
import io.econtext.internal.call.ContextCounters;
import io.econtext.internal.call.RemoteContext;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.loader.ClassServer;
import io.econtext.internal.protocol.ClassAnswer;
import io.econtext.internal.protocol.LogRecord;
import io.econtext.internal.protocol.OutputLine;
import io.econtext.internal.protocol.ResourceAnswer;
import io.econtext.internal.protocol.ResourceRequest;
import io.econtext.internal.protocol.Shapes;
import io.econtext.internal.router.AsyncInput;
import io.econtext.internal.router.FetchGate;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.wire.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the master serves its descendants: classes and resources from the application class path (through a
 * {@link ClassServer}), and the sink for their logs and output. Each request is checked to come from the subtree of
 * the stream it arrived on; class serving runs on a small pool, never on a reader thread. Logs and output decode in
 * the codec's plain mode, after the router's checks: a child names no class the master would load, and a payload that
 * is not what an honest runtime sends closes that child's stream (or is dropped, from a grandchild).
 */
final class MasterServices {
    private static final Logger LOG = LoggerFactory.getLogger(MasterServices.class);
    /** The longest class or resource name served: the longest a class file can name (a u2 length of UTF-8). */
    static final int MAX_NAME_BYTES = 65_535;

    /** What a child of this master may always fetch, whatever the application's allow list says. */
    static final List<String> RUNTIME_PREFIXES = List.of("io.econtext.", "EcontextStage1", "org.slf4j.");

    private final RouterCore core;
    private final ValueCodec codec;
    private final RouterOptions options;
    private final ClassServer classes;
    private final IntFunction<Context> contexts;
    /** The input side of a stream whose frames arrive on an asynchronous transport's I/O thread, or null. */
    private final Function<Stream, AsyncInput> pushed;

    private final LoopHandOff handOff;
    private final Set<Integer> knownRequesters = ConcurrentHashMap.newKeySet();
    private final FetchGate gate = new FetchGate();
    /** Serves class and resource requests: 2 threads at most, each ending after 30 s idle; shut down by close(). */
    private final ThreadPoolExecutor pool =
            new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "econtext-class-server");
                t.setDaemon(true);
                return t;
            });

    MasterServices(
            RouterCore core,
            ValueCodec codec,
            RouterOptions options,
            ClassLoader appLoader,
            IntFunction<Context> contexts,
            Function<Stream, AsyncInput> pushed,
            LoopHandOff handOff) {
        this.pushed = pushed;
        this.handOff = handOff;
        this.core = core;
        this.codec = codec;
        this.options = options;
        this.contexts = contexts;
        List<String> deny = new ArrayList<>(options.classDeny());
        List<String> allow = new ArrayList<>(options.classAllow());
        if (!allow.isEmpty()) {
            // Children load part of the runtime on first use (see MasterImage), and SLF4J for their logging: an
            // application's allow list must not cut them off from it.
            allow.addAll(RUNTIME_PREFIXES);
        }
        // Prefetched classes ride in the same frame as the requested one: keep them well under the frame bound, or a
        // small maxFrameSize makes the child drop its parent stream on the first class it fetches.
        int prefetchBytes = Math.min(512 * 1024, options.maxFrameSize() / 2);
        this.classes = new ClassServer(appLoader, allow, deny, 64, prefetchBytes);
    }

    /** Stops the class server's threads; requests still queued are dropped (their streams are closing). */
    void close() {
        pool.shutdownNow();
    }

    void install() {
        pool.allowCoreThreadTimeOut(true);
        core.addHandle(Handles.FETCH_CLASS, (m, from) -> fetch(m, from, this::serveClass), Policy.FROM_DESCENDANT);
        core.addHandle(
                Handles.FETCH_RESOURCE, (m, from) -> fetch(m, from, this::serveResource), Policy.FROM_DESCENDANT);
        core.addHandle(Handles.LOG, this::onLog, Policy.FROM_DESCENDANT);
        core.addHandle(Handles.STDIO, this::onStdio, Policy.FROM_DESCENDANT);
        core.addLossListener((ids, reason) -> {
            for (Integer id : ids) {
                classes.forget(id);
                knownRequesters.remove(id);
            }
        });
    }

    /**
     * Queues a class or resource request for the class server, within the {@link FetchGate}'s bound for the stream it
     * came on (the reader waits while that stream has too many unanswered). A name longer than any class or resource
     * name can be is answered "not found" at once, unqueued. A request the server fails on is answered "not found" too:
     * the child must never wait for an answer that will not come.
     */
    private void fetch(Message m, Stream from, Consumer<Message> serve) {
        if (m.data.length > MAX_NAME_BYTES + 1) {
            warnRefused(
                    from,
                    "refused a class or resource request of " + m.data.length + " bytes from context " + m.src
                            + " (names are at most " + MAX_NAME_BYTES + " bytes)");
            notFound(m);
            return;
        }
        boolean queued = gate.submit(from, pool, () -> {
            try {
                serve.accept(m);
            } catch (RuntimeException | Error e) {
                LOG.warn("could not serve a class or resource to context {}; answered not found", m.src, e);
                notFound(m);
            }
        });
        if (!queued) {
            notFound(m);
        }
    }

    private void notFound(Message m) {
        Object answer = m.handle == Handles.FETCH_CLASS
                ? ClassAnswer.notFound(new String(m.data, 0, Math.min(m.data.length, 256), StandardCharsets.UTF_8))
                        .toWire()
                : ResourceAnswer.toWire(List.of());
        core.reply(m, 0, codec.encode(answer));
    }

    private void serveClass(Message m) {
        String name = new String(m.data, StandardCharsets.UTF_8);
        if (knownRequesters.add(m.src)) {
            classes.markDelivered(m.src, MasterImage.classNames());
        }
        ClassAnswer a = classes.serveClass(m.src, name);
        ContextCounters counters = countersOf(m.src);
        if (counters != null) { // counted before the answer goes: a caller that got its result sees the class counted
            long bytes = a.bytes() == null ? 0 : a.bytes().length;
            for (byte[] b : a.prefetched().values()) {
                bytes += b.length;
            }
            counters.classesServed((a.bytes() == null ? 0 : 1) + a.prefetched().size(), bytes);
        }
        core.reply(m, 0, codec.encode(a.toWire()));
    }

    private void serveResource(Message m) {
        ResourceRequest r = ResourceRequest.fromWire(m.data);
        List<byte[]> found;
        if (r.mode() == ResourceRequest.ALL) {
            found = classes.serveResources(r.name());
        } else {
            byte[] one = classes.serveResource(r.name());
            found = one == null ? List.of() : List.of(one);
        }
        ContextCounters counters = countersOf(m.src);
        if (counters != null) {
            long bytes = 0;
            for (byte[] b : found) {
                bytes += b.length;
            }
            counters.resourcesServed(found.size(), bytes);
        }
        core.reply(m, 0, codec.encode(ResourceAnswer.toWire(found)));
    }

    /** Where what is served to context {@code id} is counted, or null for a context the master did not boot. */
    private ContextCounters countersOf(int id) {
        Context c = contexts.apply(id);
        return c instanceof RemoteContext ? ((RemoteContext) c).counters() : null;
    }

    /** The context a descendant speaks about, if it is in the subtree of the stream the message came on. */
    private Context subject(int id, Stream from) {
        return core.routeTo(id) == from ? contexts.apply(id) : null;
    }

    /**
     * The payload of a log record or an output line, typed by {@code fromWire}; or null, after {@link #refuse refusing}
     * it, when the payload is anything else. The router has checked the source and the handle's policy; the payload
     * then decodes in plain mode, so nothing a child names is resolved, initialized or constructed here, and what it
     * decodes into is bounded by its size.
     */
    private <T> T controlPayload(Message m, Stream from, String what, Function<Object, T> fromWire) {
        Object value;
        try {
            value = codec.decodePlain(m.data, 0, m.data.length);
        } catch (CodecException e) {
            refuse(m, from, what + " from context " + m.src + " refused: " + e.getMessage());
            return null;
        }
        T typed = fromWire.apply(value);
        if (typed == null) {
            refuse(
                    m,
                    from,
                    what + " from context " + m.src + " refused: not a " + what + " (" + Shapes.describe(value) + ")");
        }
        return typed;
    }

    /**
     * Closes the stream of a direct child that sent what no honest runtime sends. A deeper descendant's message came
     * through its ancestors' stream, which carries their whole subtree: that stream stays, and the message is dropped.
     */
    private static void refuse(Message m, Stream from, String reason) {
        if (m.src == from.remoteId()) {
            LOG.warn("closing stream {}: {}", from.name(), reason);
            from.close(reason);
        } else {
            warnRefused(from, "dropped, from stream " + from.name() + ": " + reason);
        }
    }

    /**
     * Logs what a descendant sent and was refused, within the warnings its stream may still cause ({@link
     * Stream#refusals}, shared with the router's own refusals): a child cannot flood the master's log.
     */
    private static void warnRefused(Stream from, String message) {
        String note = from.refusals().admit();
        if (note != null) {
            LOG.warn(message + note);
        }
    }

    private void onLog(Message m, Stream from) {
        LogRecord r = controlPayload(m, from, "log record", LogRecord::fromWire);
        if (r == null) {
            return;
        }
        Context ctx = subject(r.contextId(), from);
        if (ctx == null) {
            warnRefused(from, "dropped a log record about context " + r.contextId() + " from stream " + from.name());
            return;
        }
        Logger target = LoggerFactory.getLogger("econtext.ctx." + ctx.name());
        deliver(from, () -> Slf4jLogSink.log(target, r.level(), "[" + r.logger() + "] " + r.message(), r.error()));
    }

    /**
     * Runs {@code delivery} (an appender, the application's {@link io.econtext.ContextOutput}: it may block) here on a
     * stream's own reader thread; hands it off when the stream's frames arrive on an I/O thread every embedded host
     * shares ({@link LoopHandOff}).
     */
    private void deliver(Stream from, Runnable delivery) {
        AsyncInput in = pushed.apply(from);
        if (in == null) {
            delivery.run();
        } else {
            handOff.output(in, delivery);
        }
    }

    private void onStdio(Message m, Stream from) {
        OutputLine line = controlPayload(m, from, "output line", OutputLine::fromWire);
        if (line == null) {
            return;
        }
        Context ctx = subject(line.contextId(), from);
        if (ctx == null) {
            warnRefused(from, "dropped output about context " + line.contextId() + " from stream " + from.name());
            return;
        }
        deliver(from, () -> output(options, ctx, line.stream(), line.line()));
    }

    /** Delivers a printed line to the configured output, or logs it under {@code econtext.ctx.NAME}. */
    static void output(RouterOptions options, Context ctx, String stream, String line) {
        if (ctx == null) {
            return;
        }
        if (options.output() != null) {
            options.output().line(ctx, stream, line);
        } else {
            LoggerFactory.getLogger("econtext.ctx." + ctx.name()).info("{}: {}", stream, line);
        }
    }
}
