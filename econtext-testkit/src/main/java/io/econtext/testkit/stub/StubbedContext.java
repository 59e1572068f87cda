package io.econtext.testkit.stub;

import io.econtext.CallOptions;
import io.econtext.Caller;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.ContextInfo;
import io.econtext.RemoteCallable;
import io.econtext.RemoteRunnable;
import io.econtext.Router;
import io.econtext.testkit.stub.RecordedCall.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A context that answers chosen calls itself and records every call it receives; everything else goes to the real
 * context it wraps. Make one with {@link Stubs#wrap(Context)} and hand it to the code under test.
 *
 * <pre>{@code
 * StubbedContext web = Stubs.wrap(router.connect(Local.spec()));
 * web.when(Probes::hostname).thenReturn("web1")
 *    .when(Probes::diskFree).thenThrow(new IOException("disk gone"));
 *
 * new Inventory(web).refresh();                       // the code under test calls web as usual
 *
 * assertThat(web).hasReceivedCall(Probes::hostname).hasNotReceivedCall(Probes::reboot);
 * web.calls(Probes::diskFree).get(0).failure();        // the RemoteCallException the code got
 * }</pre>
 *
 * <p><b>Matching.</b> A call is stubbed when its function's implementation method is the stub's: class, name and
 * descriptor, read from the function's {@link java.lang.invoke.SerializedLambda} (see {@link CallTarget}). Method
 * references are the robust way to name a method: {@code when(Probes::hostname)} matches every {@code
 * call(Probes::hostname)}, and also {@code call(Probes.class, "hostname")}. A lambda is matched by the synthetic method
 * of its body, so only calls of the same lambda expression match it, whatever it captured: to stub a call with
 * arguments, have one factory method make the lambda, stub one instance and read the arguments in {@link
 * Stubbing#thenAnswer}:
 *
 * <pre>{@code
 * static RemoteCallable<Long> sizeOf(String path) { return () -> Files.size(Path.of(path)); }
 *
 * ctx.when(sizeOf("any")).thenAnswer(args -> args.get(0).equals("/big") ? 1L << 40 : 0L);
 * ctx.call(sizeOf("/big"));                          // 1099511627776, from the stub
 * }</pre>
 *
 * <p><b>The wire.</b> A stubbed call still crosses the value codec both ways: the values its function captured are
 * encoded (one the codec cannot carry fails the call with a {@link io.econtext.CodecException}, as a real call does),
 * and the answer is encoded and decoded before the caller gets it (a value the codec cannot carry fails the call with
 * a {@code CodecException} naming the context, as a real context's answer does).
 * An exception given to {@link Stubbing#thenThrow} reaches the caller as a {@code RemoteCallException} carrying its
 * class name, message and stack.
 *
 * <p><b>Threads.</b> Stubs and records are thread-safe: stub, call and read the records from any threads. A stub's
 * answer runs on the calling thread, also for {@code callAsync} (the future is complete when returned) and {@code
 * callNoReply} (its failure is recorded, not thrown). A deadline set with {@link #with(CallOptions)} fails a stubbed
 * call whose answer took longer, once it has answered.
 */
public final class StubbedContext implements Context {
    private final Context real;
    private final CodecRoundTrip wire;
    private final StubTable stubs = new StubTable();
    private final ConcurrentLinkedQueue<RecordedCall> calls = new ConcurrentLinkedQueue<>();
    private final StubbedCaller caller;

    StubbedContext(Context real) {
        this.real = Objects.requireNonNull(real, "real");
        this.wire = new CodecRoundTrip(real);
        this.caller = new StubbedCaller(this, real, CallOptions.DEFAULT);
    }

    /** The context this one wraps, which gets every call no stub answers. */
    public Context real() {
        return real;
    }

    /** Stubs calls of {@code fn}'s implementation method; see the class comment for how calls match. */
    public <T> Stubbing<T> when(RemoteCallable<T> fn) {
        return new Stubbing<>(this, stubs, CallTarget.of(fn));
    }

    /** Stubs calls of {@code fn}'s implementation method, e.g. for {@code callNoReply(Probes::restart)}. */
    public Stubbing<Void> when(RemoteRunnable fn) {
        return new Stubbing<>(this, stubs, CallTarget.of(fn));
    }

    /**
     * Stubs calls of every method {@code method} of {@code type}, through {@code call(type, method, args)} or through a
     * function; the answer gets the call's arguments.
     */
    public Stubbing<Object> when(Class<?> type, String method) {
        return new Stubbing<>(this, stubs, CallTarget.of(type, method));
    }

    /** Removes every stub: from now on every call goes to the real context. */
    public void clearStubs() {
        stubs.clear();
    }

    /** Every call received so far, oldest first, stubbed or not. A snapshot: later calls do not show up in it. */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls received so far of {@code fn}'s implementation method, oldest first. */
    public List<RecordedCall> calls(RemoteCallable<?> fn) {
        return callsOf(CallTarget.of(fn));
    }

    /** The calls received so far of {@code fn}'s implementation method, oldest first. */
    public List<RecordedCall> calls(RemoteRunnable fn) {
        return callsOf(CallTarget.of(fn));
    }

    /** The calls received so far of a method {@code method} of {@code type}, oldest first. */
    public List<RecordedCall> calls(Class<?> type, String method) {
        return callsOf(CallTarget.of(type, method));
    }

    /** The calls received so far that {@code target} {@linkplain CallTarget#matches matches}, oldest first. */
    public List<RecordedCall> callsOf(CallTarget target) {
        Objects.requireNonNull(target, "target");
        List<RecordedCall> matching = new ArrayList<>();
        for (RecordedCall c : calls) {
            if (target.matches(c.target())) {
                matching.add(c);
            }
        }
        return matching;
    }

    /** Forgets the calls received so far. */
    public void clearCalls() {
        calls.clear();
    }

    StubTable stubs() {
        return stubs;
    }

    CodecRoundTrip wire() {
        return wire;
    }

    RecordedCall record(CallTarget target, List<Object> args, Form form, CallOptions options, boolean stubbed) {
        RecordedCall c = new RecordedCall(target, args, form, options, stubbed);
        calls.add(c);
        return c;
    }

    @Override
    public <T> T call(RemoteCallable<T> fn) {
        return caller.call(fn);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(RemoteCallable<T> fn) {
        return caller.callAsync(fn);
    }

    @Override
    public void callNoReply(RemoteRunnable fn) {
        caller.callNoReply(fn);
    }

    @Override
    public Object call(Class<?> type, String method, Object... args) {
        return caller.call(type, method, args);
    }

    /** A caller with {@code options} whose calls are stubbed and recorded like this context's own. */
    @Override
    public Caller with(CallOptions options) {
        Objects.requireNonNull(options, "options");
        return new StubbedCaller(this, real.with(options), options);
    }

    @Override
    public int id() {
        return real.id();
    }

    @Override
    public Router router() {
        return real.router();
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public ContextInfo info() {
        return real.info();
    }

    @Override
    public boolean isAlive() {
        return real.isAlive();
    }

    @Override
    public CompletableFuture<ContextDisconnectedException> onDisconnect() {
        return real.onDisconnect();
    }

    @Override
    public void shutdown() {
        real.shutdown();
    }

    @Override
    public String toString() {
        return "stubbed " + real;
    }
}
