package io.econtext.internal.master;

import io.econtext.BootTimeoutException;
import io.econtext.BootstrapException;
import io.econtext.ChannelWindow;
import io.econtext.CodecException;
import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextIdentity;
import io.econtext.ContextInfo;
import io.econtext.EcontextException;
import io.econtext.Receiver;
import io.econtext.RemoteThrowable;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.RouterOptions;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.boot.Bootstrapper;
import io.econtext.internal.boot.ProcessReaper;
import io.econtext.internal.boot.TransportClasses;
import io.econtext.internal.call.CallClient;
import io.econtext.internal.call.ChannelReceiver;
import io.econtext.internal.call.CreditLedger;
import io.econtext.internal.call.PendingCall;
import io.econtext.internal.call.RemoteContext;
import io.econtext.internal.call.RouterSender;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.TypeCodecs;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.protocol.BootAnswer;
import io.econtext.internal.protocol.BootChild;
import io.econtext.internal.router.AsyncInput;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Heartbeat;
import io.econtext.internal.router.LossReason;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The master's router (context 0): boots contexts directly or through an intermediate, owns every context in the
 * tree, and shuts the tree down on close. It accepts no calls: nothing a child sends can make it run code.
 *
 * <p>Threads: {@link #connect} blocks its caller for up to the connect timeout; everything else is thread-safe.
 */
@Singleton
public final class MasterRouter implements Router, CodecHooks, RouterCore.LossListener {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(MasterRouter.class);
    private static final long SHUTDOWN_BOUND_MILLIS = 5000;
    /** How long a lost context's name and place stay known after the loss. */
    static final long LOST_CONTEXT_RETENTION_MILLIS = Long.getLong("econtext.lostContextRetentionMillis", 10_000);

    private final RouterOptions options;
    private final TransportRegistry transports;
    private final MasterBroker broker;
    private final RouterCore core = new RouterCore(0, new int[0], null);
    private final ValueCodec codec = new ValueCodec(this);
    private final TypeCodecs typeCodecs;
    private final CreditLedger credits = new CreditLedger(core);
    private final CallClient client;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, RemoteContext> contexts = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> parents = new ConcurrentHashMap<>();
    private final MasterNames names = new MasterNames(contexts, parents);
    private final Map<Integer, TransportProcess> processes = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> pendingRoutes = new ConcurrentHashMap<>();
    private final ClassLoader appLoader;
    private final Bootstrapper bootstrapper;
    private final MasterServices services;
    private final Heartbeat heartbeat;
    /** The input sides of streams to asynchronous transports (the embedded ssh client's), by the child's id. */
    private final Map<Integer, AsyncInput> pushed = new ConcurrentHashMap<>();
    /** Contexts whose replies are read on an asynchronous transport's I/O thread: booted over one, or below one. */
    private final Set<Integer> pushedRoutes = ConcurrentHashMap.newKeySet();

    private final LoopHandOff handOff = new LoopHandOff();
    private final ProcessReaper reaper = new ProcessReaper();
    private volatile boolean closed;

    @Inject
    public MasterRouter(RouterOptions options, Map<String, Set<Transport<?>>> transports, MasterBroker broker) {
        Log.install(Slf4jLogSink.INSTANCE);
        this.options = options;
        this.typeCodecs = TypeCodecs.load(options.typeCodecs());
        this.transports = TransportRegistry.of(transports);
        this.broker = broker;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        this.appLoader = tccl != null ? tccl : ClassLoader.getSystemClassLoader();
        // the contexts read dead before the calls to them fail (CallClient's listener): see contextsLost
        core.addLossListener(this);
        this.client = new CallClient(core, names);
        core.setTrafficMeter(new RouterCore.TrafficMeter() {
            @Override
            public void sent(int dst, int dataBytes) {
                RemoteContext c = contexts.get(dst);
                if (c != null) {
                    c.counters().sent(dataBytes);
                }
            }

            @Override
            public void received(int src, int dataBytes) {
                RemoteContext c = contexts.get(src);
                if (c != null) {
                    c.counters().received(dataBytes);
                }
            }
        });
        core.setMaxFrame(options.maxFrameSize());
        core.setRouteValidator(this::expectedRoute);
        services = new MasterServices(
                core, codec, options, appLoader, this::contextById, s -> pushed.get(s.remoteId()), handOff);
        services.install();
        this.heartbeat = new Heartbeat(
                core,
                broker,
                options.heartbeatInterval().toMillis(),
                options.heartbeatTimeout().toMillis());
        heartbeat.start();
        this.bootstrapper = new Bootstrapper(
                MasterImage.get(),
                broker,
                codec,
                new Bootstrapper.OutputSink() {
                    @Override
                    public void line(int id, String stream, String line) {
                        MasterServices.output(options, contextById(id), stream, line);
                    }

                    @Override
                    public void line(int id, String stream, String line, AsyncInput from) {
                        handOff.output(from, () -> MasterServices.output(options, contextById(id), stream, line));
                    }
                },
                reaper);
    }

    String nameOf(int id) {
        return names.nameOf(id);
    }

    RemoteContext contextById(int id) {
        return contexts.get(id);
    }

    /** A context may be announced only while it boots, by the context it boots through, as that context's child. */
    private boolean expectedRoute(int id, int parent, Stream via) {
        Integer viaId = pendingRoutes.get(id);
        return viaId != null && viaId == parent && core.routeTo(viaId) == via;
    }

    @Override
    public Context connect(ConnectionSpec spec) {
        if (closed) {
            throw new EcontextException("router is closed");
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec : null (expected: a connection spec, e.g. Local.spec())");
        }
        Transport<?> transport = transports.transportFor(spec);
        TransportClasses.specFor(transport, spec);
        int id = nextId.getAndIncrement();
        String name = spec.name() != null ? spec.name() : spec.scheme() + "-" + id;
        Context via = spec.via();
        RemoteContext ctx = via == null ? bootHere(transport, spec, id, name) : bootVia(transport, spec, via, id, name);
        if (closed) {
            ctx.shutdown();
            throw new EcontextException("router closed while '" + name + "' was booting");
        }
        return ctx;
    }

    private <S extends ConnectionSpec> RemoteContext bootHere(
            Transport<S> transport, ConnectionSpec spec, int id, String name) {
        Bootstrapper.Booted booted = bootstrapper.boot(
                transport,
                TransportClasses.specFor(transport, spec),
                BootRequest.of(
                        id,
                        name,
                        ContextIdentity.MASTER.name(),
                        new int[] {0},
                        logLevel(name),
                        options.maxFrameSize(),
                        spec,
                        options.heartbeatInterval().toMillis(),
                        options.heartbeatTimeout().toMillis(),
                        typeCodecs.names()));
        if (booted.input() != null) {
            pushed.put(id, booted.input());
            pushedRoutes.add(id);
        }
        RemoteContext ctx = register(id, name, 0);
        ctx.setInfo(booted.info());
        processes.put(id, booted.process());
        core.addChild(booted.stream());
        booted.stream().startReader(core);
        return ctx;
    }

    private RemoteContext bootVia(Transport<?> transport, ConnectionSpec spec, Context via, int id, String name) {
        RemoteContext parent = contexts.get(via.id());
        if (parent == null || parent != via) {
            throw new IllegalArgumentException("via : " + via + " (expected: a live context of this router)");
        }
        if (!parent.isAlive()) {
            throw new ContextDisconnectedException(parent.name(), "cannot boot '" + name + "' through it");
        }
        pendingRoutes.put(id, via.id());
        Object request =
                new BootChild(spec.withoutVia(), id, name, transport.getClass().getName()).toWire();
        PendingCall call = client.request(via.id(), Handles.BOOT, 0, codec.encode(request), true);
        Message reply;
        long waitMillis = spec.connectTimeout().toMillis() + 5000;
        try {
            reply = call.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            client.abandon(call);
            throw new BootTimeoutException(
                    "'" + name + "' via '" + parent.name() + "' did not boot within " + waitMillis + " ms", "");
        } catch (InterruptedException e) {
            client.abandon(call);
            Thread.currentThread().interrupt();
            throw new BootstrapException("interrupted while booting '" + name + "'", e);
        } catch (ExecutionException e) {
            throw new BootstrapException(
                    "booting '" + name + "' via '" + parent.name() + "' failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pendingRoutes.remove(id);
        }
        Object value;
        try {
            // the intermediate's answer: a hello or an exception, plain values only
            value = codec.decodePlain(reply.data, 0, reply.data.length);
        } catch (CodecException e) {
            throw new BootstrapException(
                    "booting '" + name + "' via '" + parent.name() + "' failed: malformed answer: " + e.getMessage(),
                    e);
        }
        if (reply.has(Message.FLAG_ERROR) && value instanceof RemoteThrowable) {
            throw bootFailure(name, parent.name(), (RemoteThrowable) value);
        }
        if (reply.flags != 0) {
            throw new BootstrapException("booting '" + name + "' via '" + parent.name() + "' failed", null);
        }
        ContextInfo info;
        try {
            info = BootAnswer.fromWire(name, value);
        } catch (IllegalArgumentException e) {
            throw new BootstrapException(
                    "booting '" + name + "' via '" + parent.name() + "' failed: malformed hello: " + e.getMessage(), e);
        }
        RemoteContext ctx = register(id, name, via.id());
        ctx.setInfo(info);
        return ctx;
    }

    /**
     * The exception a boot through an intermediate failed with, with its type kept: a {@link BootstrapException}
     * subclass a transport defines (e.g. an ssh authentication failure) is rebuilt here through its
     * {@code (String message, Integer exitStatus, String outputTail)} constructor, if this class path has it. Only
     * subclasses of BootstrapException are ever instantiated, so a child cannot name an arbitrary class to construct.
     */
    private RuntimeException bootFailure(String name, String via, RemoteThrowable r) {
        String msg = r.remoteMessage() + " (booted via '" + via + "')";
        if (r.is(BootTimeoutException.class)) {
            return new BootTimeoutException(msg, "");
        }
        Class<?> type;
        try {
            type = Class.forName(r.remoteClassName(), false, appLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            type = null;
        }
        if (type != null && BootstrapException.class.isAssignableFrom(type)) {
            try {
                return (RuntimeException) type.getConstructor(String.class, Integer.class, String.class)
                        .newInstance(msg, null, "");
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new BootstrapException(msg, null, "");
            }
        }
        return new BootstrapException("booting '" + name + "' via '" + via + "' failed: " + r.getMessage(), r);
    }

    private int logLevel(String name) {
        return Slf4jLogSink.threshold(LoggerFactory.getLogger("econtext.ctx." + name));
    }

    private RemoteContext register(int id, String name, int parentId) {
        if (pushedRoutes.contains(parentId)) {
            pushedRoutes.add(id); // its replies too are read on the I/O thread of its ancestor's transport
        }
        // continuations of callAsync futures never run on an I/O thread that every embedded host shares
        Executor replies = pushedRoutes.contains(id) ? handOff.callbacks() : null;
        RemoteContext ctx = new RemoteContext(id, name, client, codec, replies, this::shutdownContext, this);
        contexts.put(id, ctx);
        parents.put(id, parentId);
        return ctx;
    }

    @Override
    public void contextsLost(Set<Integer> ids, String reason) {
        contextsLost(ids, LossReason.gone(reason));
    }

    @Override
    public void contextsLost(Set<Integer> ids, LossReason reason) {
        String silentName = reason.isUnresponsive() ? nameOf(reason.silentId()) : null;
        for (Integer id : ids) {
            RemoteContext c = contexts.get(id);
            if (c != null) {
                ContextDisconnectedException e =
                        CallClient.lossException(c.name(), names.lossOf(id, ids, reason), silentName);
                c.markGone(); // now, on this thread: isAlive() is false before any caller sees its call fail
                broker.execute(() -> c.markLost(e)); // onDisconnect()'s callbacks: never on a router thread
            }
            TransportProcess p = processes.remove(id);
            if (p != null) {
                reaper.reap(p, nameOf(id)); // already under way when its stream closed: then this is a no-op
            }
            pushedRoutes.remove(id);
            pushed.remove(id);
        }
        // The names stay a while, for what arrives late about a lost context (its last lines of stderr, messages
        // that were under way): a master that outlives many contexts must not keep every one it ever had.
        Set<Integer> lost = Set.copyOf(ids);
        broker.schedule(
                () -> {
                    for (Integer id : lost) {
                        RemoteContext c = contexts.get(id);
                        if (c != null && !c.isAlive()) {
                            contexts.remove(id, c);
                            parents.remove(id);
                        }
                    }
                },
                LOST_CONTEXT_RETENTION_MILLIS);
    }

    /** The contexts this router knows of now, lost ones included until they are forgotten; for tests. */
    int knownContexts() {
        return contexts.size();
    }

    private void shutdownContext(RemoteContext ctx) {
        if (!ctx.isAlive()) {
            return;
        }
        TransportProcess p = processes.get(ctx.id()); // its loss forgets it
        core.post(Message.of(ctx.id(), 0, Handles.SHUTDOWN, 0, 0, null)); // never waits for a frozen child
        try {
            ctx.onDisconnect().get(SHUTDOWN_BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("context '{}' did not exit within {} ms; closing its stream", ctx.name(), SHUTDOWN_BOUND_MILLIS);
            Stream s = core.routeTo(ctx.id());
            if (s != null && s.remoteId() == ctx.id()) {
                s.close("shutdown timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (p != null) {
            reaper.reap(p, ctx.name());
            try {
                reaper.await(List.of(p), ProcessReaper.BOUND_MILLIS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The handles the master has open now (pending replies, receivers), for diagnostics and tests. */
    public int[] openHandles() {
        return core.allocatedHandles();
    }

    @Override
    public <T> Receiver<T> newReceiver(ChannelWindow window) {
        if (window == null) {
            throw new IllegalArgumentException("window : null (expected: a ChannelWindow, e.g. ChannelWindow.DEFAULT)");
        }
        return new ChannelReceiver<>(core, codec, credits, window, this::nameOf);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> waits = new ArrayList<>();
        for (RemoteContext c : contexts.values()) {
            if (parents.get(c.id()) == 0 && c.isAlive()) {
                Thread t = new Thread(c::shutdown, "econtext-shutdown-" + c.name());
                t.setDaemon(true);
                t.start();
                waits.add(t);
            }
        }
        for (Thread t : waits) {
            try {
                t.join(SHUTDOWN_BOUND_MILLIS + 4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Map.Entry<Integer, TransportProcess> e : processes.entrySet()) {
            reaper.reap(e.getValue(), nameOf(e.getKey()));
        }
        try {
            if (!reaper.awaitAll(ProcessReaper.BOUND_MILLIS + 500)) {
                LOG.warn("a context's process outlived the router's close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeTransports();
        heartbeat.stop();
        client.failAll("the router was closed");
        core.closeHandles();
        services.close();
        handOff.close();
        broker.close();
    }

    /** Transports that hold something for this router (a shared client) end with it: see {@link Transport}. */
    private void closeTransports() {
        for (Transport<?> t : transports.all()) {
            if (t instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) t).close();
                } catch (Exception e) {
                    LOG.warn("closing the {} transport failed: {}", t.scheme(), e.toString());
                }
            }
        }
    }

    @Override
    public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
        return Class.forName(binaryName, false, appLoader);
    }

    @Override
    public TypeCodecs typeCodecs() {
        return typeCodecs;
    }

    @Override
    public Context context(int id, String name) {
        RemoteContext c = contexts.get(id);
        if (c == null) {
            throw new EcontextException("unknown context " + id + " ('" + name + "')");
        }
        return c;
    }

    @Override
    public Sender<?> sender(int contextId, int handle) {
        return RouterSender.referenced(core, codec, credits, contextId, handle);
    }
}
