package io.econtext.internal.call;

import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the calls an ancestor sends to this context (handle {@link Handles#CALL}; policy: ancestors only, so a child
 * can never make its parent run code). Calls run one after another in the order they arrived; calls flagged
 * concurrent run on a pool. User code never runs while a thread should be reading a stream.
 *
 * <p>Threads: a call that arrives while none runs is run by the reader thread that received it ({@link
 * Stream#runInline}: another thread reads as soon as the call waits for the stream or takes long); calls that arrive
 * meanwhile queue up and the same thread runs them in order before it goes back to reading. So successive calls may
 * run on different threads, each strictly after the one before (the queue's lock orders them). Where the reader
 * cannot run a call inline (a burst of pipelined calls is buffered), the call thread runs them beside it.
 *
 * <p>Replies are batched: the thread running calls flushes when it has no further call queued.
 */
public final class CallService implements HandleReceiver {
    private static final Log LOG = Log.get(CallService.class);

    private final RouterCore router;
    private final ValueCodec codec;
    private final Invoker invoker;
    private final ClassLoader loader;
    /** Serial calls not yet started. Guards {@link #running} and {@link #runner}. */
    private final ArrayDeque<Message> serial = new ArrayDeque<Message>();
    /** True while a thread runs serial calls: it runs every call queued before it stops. */
    private boolean running;
    /** The thread running serial calls, to interrupt on close. */
    private Thread runner;

    private final Semaphore callThreadWork = new Semaphore(0);
    private ExecutorService concurrent;
    private volatile boolean closed;
    private final Thread callThread;
    private final Runnable runQueued = new Runnable() {
        @Override
        public void run() {
            runQueued();
        }
    };

    public CallService(RouterCore router, ValueCodec codec, ClassLoader loader) {
        this.router = router;
        this.codec = codec;
        this.loader = loader;
        this.invoker = new Invoker(loader);
        callThread = newCallThread(
                new Runnable() {
                    @Override
                    public void run() {
                        runCallThread();
                    }
                },
                "econtext-call");
        callThread.start();
        router.addHandle(Handles.CALL, this, Policy.FROM_ANCESTOR);
    }

    private Thread newCallThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        return t;
    }

    @Override
    public void receive(final Message m, Stream from) {
        if (m.has(Message.FLAG_CONCURRENT)) {
            concurrentPool().execute(new Runnable() {
                @Override
                public void run() {
                    execute(m);
                    router.flushPending();
                }
            });
            return;
        }
        synchronized (serial) {
            serial.add(m);
            if (running || closed) {
                return;
            }
            running = true;
        }
        if (from == null || !from.runInline(runQueued)) {
            callThreadWork.release();
        }
    }

    /** The pool for concurrent calls, made on first use (its queue's first use costs a child's boot ~1 ms). */
    private synchronized ExecutorService concurrentPool() {
        if (concurrent == null) {
            concurrent = new ThreadPoolExecutor(
                    0, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), new ThreadFactory() {
                        private int n;

                        @Override
                        public synchronized Thread newThread(Runnable r) {
                            return newCallThread(r, "econtext-call-" + (++n));
                        }
                    });
        }
        return concurrent;
    }

    private void runCallThread() {
        try {
            while (!closed) {
                callThreadWork.acquire();
                runQueued();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs serial calls until none is queued, then flushes the replies. The caller set {@link #running}. */
    private void runQueued() {
        Thread me = Thread.currentThread();
        ClassLoader saved = me.getContextClassLoader();
        me.setContextClassLoader(loader);
        try {
            while (true) {
                Message m;
                synchronized (serial) {
                    m = serial.poll();
                    if (m == null) {
                        running = false;
                        runner = null;
                        break;
                    }
                    runner = me;
                }
                try {
                    execute(m);
                } catch (Throwable t) { // only an answer that cannot even be sent gets here
                    LOG.error("a call's answer was lost", t);
                }
                boolean more;
                synchronized (serial) {
                    more = !serial.isEmpty();
                }
                if (!more) {
                    router.flushPending();
                }
            }
        } finally {
            router.flushPending();
            Thread.interrupted(); // a close() aimed at the last call must not hit what this thread does next
            me.setContextClassLoader(saved);
        }
    }

    private void execute(Message m) {
        Object result;
        int flags = 0;
        try {
            Object request = codec.decode(m.data, 0, m.data.length);
            Throwable injected = InjectedFaults.nextCallFault(request);
            if (injected != null) {
                throw injected;
            }
            result = CallRequest.run(request, invoker);
        } catch (Throwable t) {
            result = t;
            flags = Message.FLAG_ERROR;
            if (t instanceof Error && !(t instanceof LinkageError) && !(t instanceof AssertionError)) {
                LOG.error("call failed with an error", t);
            }
        }
        if (m.replyTo == 0) {
            if (flags != 0) {
                LOG.warn("call without reply failed", (Throwable) result);
            }
            return;
        }
        byte[] payload;
        try {
            payload = codec.encode(result, m.src);
            if (payload.length > router.maxFrame()) {
                throw new io.econtext.CodecException("the result of the call is " + payload.length + " bytes encoded,"
                        + " more than the maximum frame size of " + router.maxFrame()
                        + " bytes; return it in chunks through a Sender");
            }
        } catch (RuntimeException e) {
            payload = codec.encode(e);
            flags = Message.FLAG_ERROR;
        }
        router.sendBatched(Message.of(m.src, router.id(), m.replyTo, 0, flags, payload));
    }

    /** Stops taking calls and interrupts the ones running. */
    public void close() {
        closed = true;
        callThread.interrupt();
        synchronized (serial) {
            serial.clear();
            if (runner != null) {
                runner.interrupt();
            }
        }
        synchronized (this) {
            if (concurrent != null) {
                concurrent.shutdownNow();
            }
        }
    }
}
