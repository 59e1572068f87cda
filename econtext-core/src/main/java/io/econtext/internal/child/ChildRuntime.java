package io.econtext.internal.child;

import io.econtext.Context;
import io.econtext.ContextIdentity;
import io.econtext.Sender;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.boot.Hello;
import io.econtext.internal.call.CallClient;
import io.econtext.internal.call.CallService;
import io.econtext.internal.call.CreditLedger;
import io.econtext.internal.call.RemoteContext;
import io.econtext.internal.call.RouterSender;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.TypeCodecs;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Heartbeat;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.JdkScheduler;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.FrameReader;
import io.econtext.internal.wire.FrameWriter;
import io.econtext.internal.wire.Message;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A child context: its router, call service, class loading from the parent, output forwarding and the children it
 * boots. Exits when the parent stream closes or an ancestor asks it to: its children first (their stdin closes, so
 * they exit too), then itself, hard after a bound so that no user thread can keep it alive.
 *
 * <p>Threads: the main thread reads the parent stream; calls run on call threads; class fetches block only the
 * thread that needs the class.
 *
 * <p>Embedded (an in-JVM fake context), the JVM is not its own: it leaves {@code System.out}/{@code System.err} and
 * other processes alone, and its exit stops its threads and returns instead of halting the JVM.
 */
final class ChildRuntime implements CodecHooks {
    private static final long EXIT_BOUND_MILLIS = 2000;
    /** This JVM's context, for {@link ChildFaults} (loaded only when a test injects a fault). */
    private static volatile ChildRuntime current;

    private final BootRequest params;
    /** Made on first use: most contexts never ask, and a boot loads no class it does not need. */
    private volatile ContextIdentity identity;

    private final ClassLoader loader;
    private final boolean embedded;
    private final byte[] bundle;
    private final Stream parentStream;
    private final RouterCore router;
    private final ValueCodec codec;
    /** None until the boot request (decoded by {@link #codec}) names them. */
    private volatile TypeCodecs typeCodecs = TypeCodecs.NONE;

    private CreditLedger credits;
    private final CallClient client;
    private final CallClient.ContextNames names;
    private final Map<Integer, RemoteContext> contexts = new ConcurrentHashMap<Integer, RemoteContext>();
    private final Object exitLock = new Object();
    private CallService calls;
    private volatile ChildBootService boots;
    private ParentClassSource classes;
    private boolean exiting;
    /**
     * Timers: the heartbeat's checks, reaping of children, on one thread; a ping to a frozen parent whose pipe is full
     * holds a thread of its own ({@link JdkScheduler#execute}, see {@link Heartbeat}), so the checks go on.
     */
    private final JdkScheduler scheduler = new JdkScheduler("econtext-timer");

    private Heartbeat heartbeat;

    ChildRuntime(
            byte[] paramBytes,
            FrameReader reader,
            FrameWriter writer,
            byte[] bundle,
            ClassLoader loader,
            boolean embedded) {
        this.loader = loader;
        this.embedded = embedded;
        this.bundle = bundle;
        this.codec = new ValueCodec(this);
        this.params = BootRequest.fromValue(codec.decode(paramBytes, 0, paramBytes.length));
        this.typeCodecs = TypeCodecs.lazy(params.typeCodecs(), loader);
        reader.setMaxFrame(params.maxFrame());
        this.parentStream = new Stream("parent", params.ancestors()[0], reader, writer, null);
        parentStream.setHeartbeat(params.heartbeatIntervalMillis(), params.heartbeatTimeoutMillis());
        this.router = new RouterCore(params.id(), params.ancestors(), parentStream);
        router.setMaxFrame(params.maxFrame());
        current = this;
        this.names = new CallClient.ContextNames() {
            @Override
            public String nameOf(int contextId) {
                if (contextId == params.id()) {
                    return params.name();
                }
                RemoteContext c = contexts.get(Integer.valueOf(contextId));
                return c != null ? c.name() : "context " + contextId;
            }
        };
        this.client = new CallClient(router, names);
    }

    /** The identity of this JVM's context, or {@code null} outside a child. */
    static ContextIdentity currentIdentity() {
        ChildRuntime r = current;
        if (r == null) {
            return null;
        }
        ContextIdentity i = r.identity;
        if (i == null) {
            BootRequest p = r.params;
            i = new ContextIdentity(p.id(), p.name(), p.ancestors().length, p.ancestors()[0], p.parentName());
            r.identity = i;
        }
        return i;
    }

    /** The stream to the parent of this JVM's context, or {@code null} outside a child. */
    static Stream currentParentStream() {
        ChildRuntime r = current;
        return r == null ? null : r.parentStream;
    }

    /** True in an embedded (in-JVM fake) context, whose JVM is not its own to kill or freeze. */
    static boolean currentIsEmbedded() {
        ChildRuntime r = current;
        return r != null && r.embedded;
    }

    /** Ends this JVM's context as when its parent goes away, for {@link ChildFaults#dropStream()}. */
    static void exitAsIfOrphaned(String reason) {
        ChildRuntime r = current;
        if (r != null) {
            r.exit(reason);
        }
    }

    /** Writes the handshake marker and the hello frame, then starts the services. */
    void handshake(byte[] marker) throws IOException {
        OutputForwarding.install(router, codec, params.logLevel(), !embedded);
        classes = new ParentClassSource(router, client, codec);
        ((Consumer<Object>) (Object) loader).accept(classes);
        classes.serveDescendants();
        calls = new CallService(router, codec, loader);
        router.addHandle(
                Handles.BOOT,
                new HandleReceiver() {
                    @Override
                    public void receive(final Message m, final Stream from) {
                        // The boot service is loaded on first use (most children never boot one), and loading a class
                        // may
                        // fetch it from the parent: never on this reader thread.
                        Thread t = new Thread(
                                new Runnable() {
                                    @Override
                                    public void run() {
                                        bootService().receive(m, from);
                                    }
                                },
                                "econtext-boot-start");
                        t.setDaemon(true);
                        t.start();
                    }
                },
                Policy.FROM_ANCESTOR);
        router.addHandle(
                Handles.SHUTDOWN,
                new HandleReceiver() {
                    @Override
                    public void receive(Message m, Stream from) {
                        exit("an ancestor asked it to shut down");
                    }
                },
                Policy.FROM_ANCESTOR);
        router.setOnParentLost(new Runnable() {
            @Override
            public void run() {
                exit("its parent went away");
            }
        });
        parentStream.handshake(
                marker,
                Message.of(
                        params.ancestors()[0],
                        params.id(),
                        0,
                        0,
                        0,
                        codec.encode(Hello.thisJvm().toWire())));
        heartbeat = new Heartbeat(
                router, scheduler, params.defaultHeartbeatIntervalMillis(), params.defaultHeartbeatTimeoutMillis());
        heartbeat.start();
    }

    /** Reads the parent stream on this thread until it ends, then exits. */
    void run() {
        parentStream.runReader(router);
        exit("its parent went away");
    }

    /**
     * Ends this context: its children, handles, calls and pending requests, then the parent stream. A JVM of its own
     * then halts (a watchdog halts it anyway after a bound); an embedded one (an in-JVM fake context) leaves the JVM,
     * its streams and other processes alone, and a user call that ignores interruption keeps running.
     */
    private void exit(String reason) {
        synchronized (exitLock) {
            if (exiting) {
                return;
            }
            exiting = true;
        }
        if (!embedded) {
            startExitWatchdog();
        }
        Log.get(ChildRuntime.class).debug("context " + params.name() + " exits: " + reason);
        OutputForwarding.flush();
        router.closeHandles();
        client.failAll("context " + params.name() + " is exiting: " + reason);
        ChildBootService b = boots;
        if (b != null) {
            b.shutdownChildren(EXIT_BOUND_MILLIS - 500);
        }
        if (calls != null) {
            calls.close();
        }
        if (classes != null) {
            classes.close();
        }
        if (!embedded) {
            endSubprocesses();
        }
        parentStream.close(reason);
        if (heartbeat != null) {
            heartbeat.stop();
        }
        if (embedded) {
            scheduler.shutdown();
            if (current == this) {
                current = null;
            }
            return;
        }
        Runtime.getRuntime().halt(0);
    }

    private static void startExitWatchdog() {
        Thread watchdog = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        try {
                            Thread.sleep(EXIT_BOUND_MILLIS);
                        } catch (InterruptedException ignored) {
                            // halting anyway
                        }
                        Runtime.getRuntime().halt(0);
                    }
                },
                "econtext-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Processes that user code started here end with the context: nothing is left behind. */
    private static void endSubprocesses() {
        Object[] below = ProcessHandle.current().descendants().toArray();
        for (Object o : below) {
            ((ProcessHandle) o).destroy();
        }
        long deadline = System.currentTimeMillis() + 300;
        for (Object o : below) {
            ProcessHandle h = (ProcessHandle) o;
            while (h.isAlive() && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private ChildBootService bootService() {
        ChildBootService b = boots;
        if (b == null) {
            synchronized (exitLock) {
                b = boots;
                if (b == null) {
                    b = new ChildBootService(
                            router,
                            codec,
                            scheduler,
                            bundle,
                            contexts,
                            client,
                            classes,
                            params.logLevel(),
                            params.maxFrame(),
                            new long[] {params.defaultHeartbeatIntervalMillis(), params.defaultHeartbeatTimeoutMillis()
                            });
                    boots = b;
                }
            }
        }
        return b;
    }

    @Override
    public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
        return Class.forName(binaryName, false, loader);
    }

    @Override
    public TypeCodecs typeCodecs() {
        return typeCodecs;
    }

    @Override
    public Context context(int id, String name) {
        RemoteContext c = contexts.get(Integer.valueOf(id));
        if (c == null) {
            c = bootService().contextFor(id, name);
        }
        return c;
    }

    /** The running child, for {@link ChildReceivers} (which must build its receiver: that class loads on demand). */
    static ChildRuntime currentOrFail() {
        ChildRuntime r = current;
        if (r == null) {
            throw new IllegalStateException("no child context runs in this JVM");
        }
        return r;
    }

    RouterCore router() {
        return router;
    }

    ValueCodec codec() {
        return codec;
    }

    /** Names this context and the contexts it booted; others by id. */
    CallClient.ContextNames names() {
        return names;
    }

    /** This context's credit at receivers, made when its first sender is decoded (most children never hold one). */
    synchronized CreditLedger credits() {
        if (credits == null) {
            credits = new CreditLedger(router);
        }
        return credits;
    }

    @Override
    public Sender<?> sender(int contextId, int handle) {
        return RouterSender.<Object>referenced(router, codec, credits(), contextId, handle);
    }
}
