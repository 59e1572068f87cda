package io.econtext.internal.child;

import io.econtext.ConnectionSpec;
import io.econtext.internal.boot.BootRequest;
import io.econtext.internal.boot.Bootstrapper;
import io.econtext.internal.boot.ProcessReaper;
import io.econtext.internal.boot.RuntimeImage;
import io.econtext.internal.boot.TransportClasses;
import io.econtext.internal.call.CallClient;
import io.econtext.internal.call.RemoteContext;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.protocol.BootAnswer;
import io.econtext.internal.protocol.BootChild;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.LossReason;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.util.Scheduler;
import io.econtext.internal.wire.Message;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Boots children of this context when an ancestor asks (handle BOOT, ancestors only; the runtime hands the
 * messages over), with the runtime bundle this
 * context was itself booted with: booting a grandchild costs the master no runtime bytes.
 *
 * <p>Wire: BOOT carries {@code [spec, child id, child name, transport class name]} and is answered with the child's
 * hello {@code [pid, user, host, java.version, java.home, boot millis]}, after ADD_ROUTE went up the same stream.
 *
 * <p>Threads: boots run on a pool (a boot blocks for up to the connect timeout).
 */
final class ChildBootService implements HandleReceiver, RouterCore.LossListener {
    private static final Log LOG = Log.get(ChildBootService.class);

    private final RouterCore router;
    private final ValueCodec codec;
    private final Scheduler scheduler;
    private final byte[] bundle;
    private final Map<Integer, RemoteContext> contexts;
    private final CallClient client;
    private final ParentClassSource classes;
    private final int logLevel;
    private final int maxFrame;
    /** The router's heartbeat interval and timeout (ms), for children whose spec sets none. */
    private final long[] heartbeatDefaults;

    private final Map<Integer, TransportProcess> children = new ConcurrentHashMap<Integer, TransportProcess>();
    private final ProcessReaper reaper = new ProcessReaper();
    private final ExecutorService pool;
    private volatile Bootstrapper bootstrapper;

    ChildBootService(
            RouterCore router,
            ValueCodec codec,
            Scheduler scheduler,
            byte[] bundle,
            Map<Integer, RemoteContext> contexts,
            CallClient client,
            ParentClassSource classes,
            int logLevel,
            int maxFrame,
            long[] heartbeatDefaults) {
        this.classes = classes;
        this.router = router;
        this.codec = codec;
        this.scheduler = scheduler;
        this.bundle = bundle;
        this.contexts = contexts;
        this.client = client;
        this.logLevel = logLevel;
        this.maxFrame = maxFrame;
        this.heartbeatDefaults = heartbeatDefaults.clone();
        this.pool = Executors.newCachedThreadPool(new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "econtext-boot");
                t.setDaemon(true);
                return t;
            }
        });
        router.addFirstLossListener(this); // before the calls to them fail: their callers then read them dead
    }

    @Override
    public void receive(final Message m, Stream from) {
        pool.execute(new Runnable() {
            @Override
            public void run() {
                Object reply;
                int flags = 0;
                try {
                    reply = boot(codec.decode(m.data, 0, m.data.length));
                } catch (Throwable t) {
                    reply = t;
                    flags = Message.FLAG_ERROR;
                }
                router.send(Message.of(m.src, router.id(), m.replyTo, 0, flags, codec.encode(reply)));
            }
        });
    }

    private Object boot(Object decoded) throws Exception {
        BootChild req = BootChild.fromWire(decoded);
        // made as the master made its own (TransportClasses): what the master registered works here too
        Transport<?> transport = TransportClasses.newTransport(
                Class.forName(req.transportClass(), true, getClass().getClassLoader()));
        return boot(transport, req.spec(), req.childId(), req.childName());
    }

    private <S extends ConnectionSpec> Object boot(
            Transport<S> transport, ConnectionSpec spec, int childId, String childName) throws IOException {
        int[] own = router.ancestors();
        int[] ancestors = new int[own.length + 1];
        ancestors[0] = router.id();
        System.arraycopy(own, 0, ancestors, 1, own.length);
        Bootstrapper.Booted booted = bootstrapper()
                .boot(
                        transport,
                        TransportClasses.specFor(transport, spec),
                        BootRequest.of(
                                childId,
                                childName,
                                ChildRuntime.currentIdentity().name(),
                                ancestors,
                                logLevel,
                                maxFrame,
                                spec,
                                heartbeatDefaults[0],
                                heartbeatDefaults[1],
                                codec.typeCodecs().names()));
        children.put(Integer.valueOf(childId), booted.process());
        router.addChild(booted.stream());
        booted.stream().startReader(router);
        router.announceRoute(childId);
        contextFor(childId, childName);
        return BootAnswer.toWire(booted.info());
    }

    private Bootstrapper bootstrapper() throws IOException {
        Bootstrapper b = bootstrapper;
        if (b == null) {
            // The first stage is not in the bundle (most children never boot one): fetch it like a resource.
            java.util.List<byte[]> found = classes.resources("EcontextStage1.class", 1);
            if (found.isEmpty()) {
                throw new IOException("the parent did not serve EcontextStage1.class; cannot boot children from here");
            }
            byte[] stage1 = found.get(0);
            b = new Bootstrapper(
                    new RuntimeImage(stage1, bundle),
                    scheduler,
                    codec,
                    new Bootstrapper.OutputSink() {
                        @Override
                        public void line(int contextId, String stream, String line) {
                            router.send(Message.of(
                                    0,
                                    router.id(),
                                    Handles.STDIO,
                                    0,
                                    0,
                                    codec.encode(Arrays.asList(Integer.valueOf(contextId), stream, line))));
                        }
                    },
                    reaper);
            bootstrapper = b;
        }
        return b;
    }

    /** A context object for user code here that calls into a descendant. */
    RemoteContext contextFor(int id, String name) {
        Integer key = Integer.valueOf(id);
        RemoteContext c = contexts.get(key);
        if (c == null) {
            c = new RemoteContext(id, name, client, codec, pool, new RemoteContext.Shutdown() {
                @Override
                public void shutdown(RemoteContext context) {
                    router.send(Message.of(context.id(), router.id(), Handles.SHUTDOWN, 0, 0, null));
                }
            });
            RemoteContext prior = contexts.putIfAbsent(key, c);
            if (prior != null) {
                c = prior;
            }
        }
        return c;
    }

    @Override
    public void contextsLost(Set<Integer> ids, String reason) {
        contextsLost(ids, LossReason.gone(reason));
    }

    @Override
    public void contextsLost(Set<Integer> ids, LossReason reason) {
        RemoteContext silent = reason.isUnresponsive() ? contexts.get(Integer.valueOf(reason.silentId())) : null;
        String silentName = silent != null ? silent.name() : "context " + reason.silentId();
        for (Integer id : ids) {
            RemoteContext c = contexts.remove(id);
            if (c != null) {
                c.markLost(CallClient.lossException(c.name(), reason, silentName));
            }
            children.remove(id);
        }
    }

    /**
     * Closes every child's stream (which starts reaping its process, see {@link ProcessReaper}) and waits up to {@code
     * boundMillis} for the reaping; {@link ProcessReaper#BOUND_MILLIS} fits in it.
     */
    void shutdownChildren(long boundMillis) {
        for (Stream s : router.childStreams()) {
            s.close("its parent is exiting");
        }
        for (Map.Entry<Integer, TransportProcess> e : children.entrySet()) {
            reaper.reap(e.getValue(), "context " + e.getKey());
        }
        try {
            if (!reaper.awaitAll(boundMillis)) {
                LOG.warn("a child of context " + router.id() + " outlived its shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("children of context " + router.id() + " are down");
    }
}
