package io.econtext.internal.child;

import io.econtext.internal.call.CallClient;
import io.econtext.internal.call.PendingCall;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.loader.ClassFileInfo;
import io.econtext.internal.protocol.ClassAnswer;
import io.econtext.internal.protocol.ResourceAnswer;
import io.econtext.internal.protocol.ResourceRequest;
import io.econtext.internal.router.FetchGate;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.wire.Message;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Where a child's classes and resources come from when the runtime bundle lacks them: the parent, which asks its own
 * parent in turn. Answers (and the classes prefetched with them) are cached here, negative ones too, and this context
 * serves its own descendants from that cache, so a class crosses each hop once.
 *
 * <p>Wire: FETCH_CLASS carries the UTF-8 class name and is answered with {@code [name, bytes or null, {name: bytes}]};
 * FETCH_RESOURCE carries a mode byte (1: first, 2: all) and the UTF-8 name, answered with {@code [bytes...]}.
 *
 * <p>Threads: {@link #apply} runs on whatever thread loads a class (never a reader: calls and decoding run on call
 * threads) and blocks it for the round trip. Descendants' requests are served on a small pool.
 */
final class ParentClassSource implements BiFunction<String, Integer, Object> {
    private static final byte[] MISSING = new byte[0];
    private static final String SLF4J_PROVIDERS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
    private static final String FORWARDING_PROVIDER = "io.econtext.internal.child.log.ForwardingServiceProvider\n";

    private final RouterCore router;
    private final CallClient client;
    private final ValueCodec codec;
    private final int parentId;
    private final int ownFeature = Runtime.version().feature();
    private final Map<String, byte[]> classes = new ConcurrentHashMap<String, byte[]>();
    private final Map<String, String[]> groups = new ConcurrentHashMap<String, String[]>();
    private final Map<String, List<byte[]>> resources = new ConcurrentHashMap<String, List<byte[]>>();
    private ExecutorService pool;
    /** Threads serving descendants at most; each waits for the parent's answer when the cache lacks a class. */
    static final int SERVER_THREADS = 16;

    private final FetchGate gate = new FetchGate();
    /** Names cached as missing (classes and resources) at most. */
    static final int MAX_CACHED_MISSES = 4096;

    private final java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();

    ParentClassSource(RouterCore router, CallClient client, ValueCodec codec) {
        this.router = router;
        this.client = client;
        this.codec = codec;
        this.parentId = router.ancestors()[0];
    }

    /** Class loader hook: op 0 = class bytes, 1 = resource URL, 2 = enumeration of resource URLs. */
    @Override
    public Object apply(String name, Integer op) {
        switch (op.intValue()) {
            case 0:
                return classBytes(name);
            case 1: {
                List<byte[]> all = resources(name, ResourceRequest.FIRST);
                return all.isEmpty() ? null : MemoryUrls.of(name, all.get(0));
            }
            default: {
                List<byte[]> all = resources(name, ResourceRequest.ALL);
                List<URL> urls = new ArrayList<URL>(all.size());
                for (byte[] b : all) {
                    urls.add(MemoryUrls.of(name, b));
                }
                return Collections.enumeration(urls);
            }
        }
    }

    private byte[] classBytes(String name) {
        byte[] b = fetchClass(name);
        if (b == null) {
            return null;
        }
        int major = ClassFileInfo.majorVersionOf(b);
        if (major - 44 > ownFeature) {
            throw new UnsupportedClassVersionError("class " + name + " is compiled for Java " + (major - 44)
                    + " (class file version " + major + ") but context " + router.id() + " runs Java " + ownFeature
                    + " (class file version " + (ownFeature + 44) + "): compile for --release " + ownFeature
                    + " or give this context a newer javaPath");
        }
        return b;
    }

    /** The bytes of class {@code name} from the cache or the parent; {@code null} when the parent has none. */
    byte[] fetchClass(String name) {
        byte[] b = classes.get(name);
        if (b == null) {
            b = askParentForClass(name);
        }
        return b == MISSING ? null : b;
    }

    private byte[] askParentForClass(String name) {
        Object answer = await(
                client.request(parentId, Handles.FETCH_CLASS, 0, name.getBytes(StandardCharsets.UTF_8), true),
                "class " + name);
        ClassAnswer a = ClassAnswer.fromWire(answer);
        byte[] bytes = a.bytes();
        String[] group = new String[a.prefetched().size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : a.prefetched().entrySet()) {
            group[i++] = e.getKey();
            classes.putIfAbsent(e.getKey(), e.getValue());
        }
        if (group.length > 0) {
            groups.put(name, group);
        }
        if (bytes != null) {
            classes.put(name, bytes);
        } else if (mayCacheMiss()) {
            classes.put(name, MISSING);
        }
        return bytes == null ? MISSING : bytes;
    }

    /**
     * True while fewer than {@link #MAX_CACHED_MISSES} names are cached as missing. What the parent has is bounded by
     * its class path; names it lacks are not (a descendant may ask for any), so past the bound a miss is asked again.
     */
    private boolean mayCacheMiss() {
        if (misses.incrementAndGet() <= MAX_CACHED_MISSES) {
            return true;
        }
        misses.decrementAndGet();
        return false;
    }

    /** The classes the parent sent along with {@code name}: a descendant asking for it will need them too. */
    private Map<String, byte[]> prefetchedWith(String name) {
        String[] group = groups.get(name);
        if (group == null) {
            return Collections.emptyMap();
        }
        Map<String, byte[]> out = new HashMap<String, byte[]>(group.length * 2);
        for (String g : group) {
            byte[] b = classes.get(g);
            if (b != null && b != MISSING) {
                out.put(g, b);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    List<byte[]> resources(String name, int mode) {
        if (SLF4J_PROVIDERS.equals(name)) {
            return Collections.singletonList(FORWARDING_PROVIDER.getBytes(StandardCharsets.UTF_8));
        }
        String key = mode + name;
        List<byte[]> r = resources.get(key);
        if (r == null) {
            byte[] req = new ResourceRequest(mode, name).toWire();
            r = ResourceAnswer.fromWire(
                    await(client.request(parentId, Handles.FETCH_RESOURCE, 0, req, true), "resource " + name));
            if (!r.isEmpty() || mayCacheMiss()) {
                resources.put(key, r);
            }
        }
        return r;
    }

    private Object await(PendingCall call, String what) {
        Message reply;
        try {
            reply = call.get();
        } catch (InterruptedException e) {
            client.abandon(call);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + what + " from the parent", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not fetch " + what + " from the parent: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        if (reply.flags != 0) {
            throw new IllegalStateException("the parent could not serve " + what);
        }
        return codec.decode(reply.data, 0, reply.data.length);
    }

    /**
     * The pool that serves descendants, made when the first one asks (most contexts have none): at most {@link
     * #SERVER_THREADS} threads, each of which ends after 30 s idle. Its queue is bounded by the {@link FetchGate}: at
     * most {@link FetchGate#MAX_IN_FLIGHT} requests per child stream.
     */
    private synchronized ExecutorService pool() {
        if (pool == null) {
            ThreadPoolExecutor p = new ThreadPoolExecutor(
                    SERVER_THREADS,
                    SERVER_THREADS,
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<Runnable>(),
                    new ThreadFactory() {
                        @Override
                        public Thread newThread(Runnable r) {
                            Thread t = new Thread(r, "econtext-class-server");
                            t.setDaemon(true);
                            return t;
                        }
                    });
            p.allowCoreThreadTimeOut(true);
            pool = p;
        }
        return pool;
    }

    /** Stops the threads that serve descendants, if any were made. */
    synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Serves this context's descendants from the cache, asking the parent for what it lacks. A request waits on the
     * reader of the stream it came on while that stream has {@link FetchGate#MAX_IN_FLIGHT} unanswered (backpressure
     * on that child alone): a descendant that floods requests holds neither unbounded memory nor threads here.
     */
    void serveDescendants() {
        router.addHandle(
                Handles.FETCH_CLASS,
                new HandleReceiver() {
                    @Override
                    public void receive(final Message m, Stream from) {
                        serve(from, new Runnable() {
                            @Override
                            public void run() {
                                String name = new String(m.data, StandardCharsets.UTF_8);
                                ClassAnswer reply;
                                try {
                                    reply = new ClassAnswer(name, fetchClass(name), prefetchedWith(name));
                                } catch (RuntimeException e) {
                                    reply = ClassAnswer.notFound(name);
                                }
                                router.reply(m, 0, codec.encode(reply.toWire()));
                            }
                        });
                    }
                },
                Policy.FROM_DESCENDANT);
        router.addHandle(
                Handles.FETCH_RESOURCE,
                new HandleReceiver() {
                    @Override
                    public void receive(final Message m, Stream from) {
                        serve(from, new Runnable() {
                            @Override
                            public void run() {
                                ResourceRequest r = ResourceRequest.fromWire(m.data);
                                List<byte[]> found;
                                try {
                                    found = resources(r.name(), r.mode());
                                } catch (RuntimeException e) {
                                    found = Collections.emptyList();
                                }
                                router.reply(m, 0, codec.encode(ResourceAnswer.toWire(found)));
                            }
                        });
                    }
                },
                Policy.FROM_DESCENDANT);
    }

    /** Runs {@code answer} on the pool within {@code from}'s bound; the reader waits here while that bound is reached. */
    private void serve(Stream from, Runnable answer) {
        gate.submit(from, pool(), answer); // refused: interrupted or closing, the requester's stream is going away
    }
}
