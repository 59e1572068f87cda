package io.econtext.internal.call;

import io.econtext.CodecException;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.HandleReceiver;
import io.econtext.internal.router.Handles;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.router.Stream;
import io.econtext.internal.util.Log;
import io.econtext.internal.wire.Message;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

/**
 * Runs the calls an ancestor sends to this context (handle {@link Handles#CALL}; policy: ancestors only, so a child
 * can never make its parent run code). Calls run one after another in the order they arrived; calls flagged
 * concurrent run beside them on threads of their own, limited in number, and wait in a bounded queue beyond that
 * ({@link ConcurrentCalls}). User code never runs while a thread should be reading a stream.
 *
 * <p>Serial calls wait in a queue bounded like the concurrent one (at most {@link ConcurrentCalls#MAX_QUEUED} calls
 * and {@link ConcurrentCalls#MAX_QUEUED_BYTES} bytes, one call always fits): a caller that pipelines faster than the
 * context runs its calls gets {@link io.econtext.ContextBusyException} for the calls that find it full, and the
 * context's heap stays bounded. The reader never waits for room (the running call may need what it reads).
 *
 * <p>Cancellation (handle {@link Handles#CANCEL}, ancestors only; sent by the caller on its deadline, on interruption
 * and on {@code cancel(true)}): names a call by its source and reply handle. A queued call is dropped; a running one
 * has its thread interrupted and sends no answer. A call that ignores the interrupt runs to its end, and serial calls
 * behind it wait until it does.
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
    /**
     * Whether a test armed {@link InjectedFaults} in this JVM: until then that class is not loaded (a child fetches it
     * from the master on first use, it is not in every child's bundle).
     */
    static volatile boolean faultsArmed;

    private final RouterCore router;
    private final ValueCodec codec;
    private final Invoker invoker;
    private final ClassLoader loader;
    /** Serial calls not yet started. Guards {@link #running}, {@link #runner} and {@link #serialBytes}. */
    private final ArrayDeque<Message> serial = new ArrayDeque<Message>();
    /** The data bytes of the calls in {@link #serial}. */
    private long serialBytes;
    /** True while a thread runs serial calls: it runs every call queued before it stops. */
    private boolean running;
    /** The thread running serial calls, to interrupt on close. */
    private Thread runner;

    /** The serial call running, or null; guarded by {@link #serial}. */
    private Message current;
    /** The running serial call was cancelled: its thread was interrupted, and it gets no answer. */
    private boolean currentCancelled;

    private final Semaphore callThreadWork = new Semaphore(0);
    private final ConcurrentCalls concurrent;
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
        concurrent = new ConcurrentCalls(
                router,
                new ConcurrentCalls.Executor() {
                    @Override
                    public Message answer(Message call) {
                        return CallService.this.answer(call);
                    }
                },
                loader);
        router.addHandle(Handles.CALL, this, Policy.FROM_ANCESTOR);
        router.addHandle(
                Handles.CANCEL,
                new HandleReceiver() {
                    @Override
                    public void receive(Message m, Stream from) {
                        cancel(m);
                    }
                },
                Policy.FROM_ANCESTOR);
    }

    private Thread newCallThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        return t;
    }

    /** Calls come from ancestors only ({@link Policy#FROM_ANCESTOR}), whose values this context takes at any size. */
    @Override
    public long maxPartedBytes() {
        return io.econtext.CallOptions.MAX_VALUE_SIZE;
    }

    @Override
    public void receive(final Message m, Stream from) {
        if (m.has(Message.FLAG_CONCURRENT)) {
            concurrent.offer(m);
            return;
        }
        synchronized (serial) {
            if (!serial.isEmpty()
                    && (serial.size() >= ConcurrentCalls.MAX_QUEUED
                            || serialBytes + m.data.length > ConcurrentCalls.MAX_QUEUED_BYTES)) {
                refuseSerial(m);
                return;
            }
            serial.add(m);
            serialBytes += m.data.length;
            if (running || closed) {
                return;
            }
            running = true;
        }
        if (from == null || !from.runInline(runQueued)) {
            callThreadWork.release();
        }
    }

    /**
     * Refuses a serial call that finds the queue full ({@link ConcurrentCalls#MAX_QUEUED} calls, or {@link
     * ConcurrentCalls#MAX_QUEUED_BYTES} bytes of them): answers it DEAD {@link
     * io.econtext.internal.router.DeadReason#BUSY}, so the caller sees {@link io.econtext.ContextBusyException}, and the
     * calls queued before it run on. A call that wants no answer is dropped with a warning. Called under the queue's
     * lock, on a reader: sends without waiting.
     */
    private void refuseSerial(Message m) {
        ConcurrentCalls.refuse(
                router,
                m,
                serial.size() + " calls (" + (serialBytes >> 10) + " KiB) wait to run one after another, the most it"
                        + " queues; wait for answers before sending more, or raise the limits with the context's JVM"
                        + " options -Decontext.queuedCalls=N and -Decontext.queuedCallBytes=N");
    }

    /**
     * A CANCEL from an ancestor (the router checked the policy): u32 reply handle of a call the same source sent. The
     * call is dropped if it has not started, else its thread is interrupted; either way it is not answered. A cancel
     * for a call that already answered, or that is unknown, does nothing. Runs on the reader: never waits.
     */
    private void cancel(Message m) {
        if (m.data == null || m.data.length != 4) {
            return;
        }
        int replyTo = (m.data[0] & 0xff) << 24 | (m.data[1] & 0xff) << 16 | (m.data[2] & 0xff) << 8 | m.data[3] & 0xff;
        if (replyTo == 0) {
            return;
        }
        synchronized (serial) {
            if (current != null && current.src == m.src && current.replyTo == replyTo) {
                if (!currentCancelled) {
                    currentCancelled = true;
                    runner.interrupt();
                }
                return;
            }
            Iterator<Message> it = serial.iterator();
            while (it.hasNext()) {
                Message queued = it.next();
                if (queued.src == m.src && queued.replyTo == replyTo) {
                    it.remove();
                    serialBytes -= queued.data.length;
                    return;
                }
            }
        }
        concurrent.cancel(m.src, replyTo);
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
                    serialBytes -= m.data.length;
                    runner = me;
                    current = m;
                }
                Message answer = null;
                try {
                    answer = answer(m);
                } catch (Throwable t) { // only an answer that cannot even be encoded gets here
                    LOG.error("a call's answer was lost", t);
                }
                boolean more;
                boolean dropped;
                synchronized (serial) {
                    dropped = currentCancelled;
                    currentCancelled = false;
                    current = null;
                    more = !serial.isEmpty();
                }
                if (dropped) {
                    Thread.interrupted(); // the cancel's interrupt, if the call did not consume it
                } else if (answer != null) {
                    router.sendBatched(answer);
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

    /** Runs the call {@code m} carries and returns its answer, or null when it wants none. */
    private Message answer(Message m) {
        Object result;
        int flags = 0;
        try {
            CallRequest request;
            try {
                request = CallRequest.fromWire(codec.decode(m.data, 0, m.data.length));
            } catch (CodecException e) {
                throw new ValueNotCarried("the call cannot be decoded there", e);
            }
            Throwable injected = faultsArmed ? InjectedFaults.nextCallFault(request) : null;
            if (injected != null) {
                throw injected;
            }
            result = request.run(invoker);
        } catch (Throwable t) {
            result = t; // the caller gets it, with its stack: logging it here as well would say it twice
            flags = Message.FLAG_ERROR;
        }
        if (m.replyTo == 0) {
            if (flags != 0) {
                LOG.warn("call without reply failed", (Throwable) result);
            }
            return null;
        }
        byte[] payload;
        try {
            payload = codec.encode(result, m.src); // larger than a frame: sent in parts, within the caller's limit
        } catch (RuntimeException e) {
            // the result (or the exception the call threw) cannot be carried: the caller throws a CodecException
            payload = codec.encode(new ValueNotCarried("the result of the call cannot be carried back", e));
            flags = Message.FLAG_ERROR;
        }
        return Message.of(m.src, router.id(), m.replyTo, 0, flags, payload);
    }

    /** Stops taking calls and interrupts the ones running. */
    public void close() {
        closed = true;
        callThread.interrupt();
        synchronized (serial) {
            serial.clear();
            serialBytes = 0;
            if (runner != null) {
                runner.interrupt();
            }
        }
        concurrent.close();
    }
}
