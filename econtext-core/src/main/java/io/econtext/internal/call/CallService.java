package io.econtext.internal.call;

import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the calls an ancestor sends to this context (handle {@link Handles#CALL}; policy: ancestors only, so a child
 * can never make its parent run code). Calls run one after another on the call thread in the order they arrived;
 * calls flagged concurrent run on a pool. User code never runs on a reader thread.
 *
 * <p>Replies are batched: the call thread flushes when it has no further call queued.
 */
public final class CallService implements HandleReceiver {
    private static final Log LOG = Log.get(CallService.class);

    private final RouterCore router;
    private final ValueCodec codec;
    private final Invoker invoker;
    private final ClassLoader loader;
    private final LinkedBlockingQueue<Message> serial = new LinkedBlockingQueue<Message>();
    private ExecutorService concurrent;
    private volatile boolean closed;
    private final Thread serialThread;

    public CallService(RouterCore router, ValueCodec codec, ClassLoader loader) {
        this.router = router;
        this.codec = codec;
        this.loader = loader;
        this.invoker = new Invoker(loader);
        serialThread = newCallThread(
                new Runnable() {
                    @Override
                    public void run() {
                        runSerial();
                    }
                },
                "econtext-call");
        serialThread.start();
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
        } else {
            serial.add(m);
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

    private void runSerial() {
        try {
            while (!closed) {
                Message m = serial.poll();
                if (m == null) {
                    router.flushPending();
                    m = serial.take();
                }
                execute(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            payload = codec.encode(result);
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
        serialThread.interrupt();
        synchronized (this) {
            if (concurrent != null) {
                concurrent.shutdownNow();
            }
        }
    }
}
