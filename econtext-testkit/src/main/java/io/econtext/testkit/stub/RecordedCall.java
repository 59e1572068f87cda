package io.econtext.testkit.stub;

import io.econtext.CallOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * One call a {@link StubbedContext} received, stubbed or passed on to the real context: what it called, with which
 * arguments, how, and how it ended.
 *
 * <pre>{@code
 * RecordedCall c = web.calls(Probes::hostname).get(0);
 * c.target();      // io.acme.Probes.hostname
 * c.isStubbed();   // true
 * c.outcome();     // RETURNED
 * c.result();      // "web1"
 * }</pre>
 *
 * <p>Thread-safe. Everything but the outcome is fixed when the call is made; the outcome of an asynchronous call
 * passed on to the real context is {@link Outcome#PENDING} until its future completes.
 */
public final class RecordedCall {
    /** Which method of {@link io.econtext.Caller} made the call. */
    public enum Form {
        /** {@code call(fn)}. */
        CALL("call"),
        /** {@code callAsync(fn)}. */
        CALL_ASYNC("callAsync"),
        /** {@code callNoReply(fn)}. */
        CALL_NO_REPLY("callNoReply"),
        /** {@code call(type, method, args)}. */
        CALL_METHOD("call(type, method, args)");

        private final String methodName;

        Form(String methodName) {
            this.methodName = methodName;
        }
    }

    /** How the call ended, as far as the caller can know. */
    public enum Outcome {
        /** An asynchronous call that has not answered yet. */
        PENDING,
        /** It returned {@link #result()}. */
        RETURNED,
        /** It failed with {@link #failure()}, the exception the caller got. */
        FAILED,
        /** A {@code callNoReply} passed on to the real context: sent, and nothing comes back. */
        SENT
    }

    private static final int MAX_VALUE_TEXT = 60;

    private final CallTarget target;
    private final List<Object> args;
    private final Form form;
    private final CallOptions options;
    private final boolean stubbed;
    private volatile Ending ending = new Ending(Outcome.PENDING, null, null);

    RecordedCall(CallTarget target, List<Object> args, Form form, CallOptions options, boolean stubbed) {
        this.target = target;
        this.args = Collections.unmodifiableList(new ArrayList<>(args));
        this.form = form;
        this.options = options;
        this.stubbed = stubbed;
    }

    void returned(Object value) {
        ending = new Ending(Outcome.RETURNED, value, null);
    }

    void failed(Throwable failure) {
        ending = new Ending(Outcome.FAILED, null, failure);
    }

    void sent() {
        ending = new Ending(Outcome.SENT, null, null);
    }

    /** The method called. */
    public CallTarget target() {
        return target;
    }

    /**
     * The values the function captured, or the arguments of {@code call(type, method, args)}, as the called context
     * decodes them; as they were here when the codec refused them. Unmodifiable; may hold {@code null}.
     */
    public List<Object> args() {
        return args;
    }

    /** Which method of {@link io.econtext.Caller} made the call. */
    public Form form() {
        return form;
    }

    /** The options of the caller that made it: {@link CallOptions#DEFAULT} unless made through {@code with()}. */
    public CallOptions options() {
        return options;
    }

    /** True when a stub answered the call; false when the real context got it. */
    public boolean isStubbed() {
        return stubbed;
    }

    /** How the call ended so far. */
    public Outcome outcome() {
        return ending.outcome;
    }

    /** What the caller got back (after the round trip through the codec), or {@code null}. */
    public Object result() {
        return ending.result;
    }

    /** The exception the caller got, or {@code null}. */
    public Throwable failure() {
        return ending.failure;
    }

    /** E.g. {@code io.acme.Probes.greet("bob") returned "hello bob" (stubbed, callAsync)}. */
    @Override
    public String toString() {
        StringJoiner argText = new StringJoiner(", ", target + "(", ")");
        for (Object arg : args) {
            argText.add(text(arg));
        }
        Ending e = ending;
        String end;
        switch (e.outcome) {
            case RETURNED:
                end = " returned " + text(e.result);
                break;
            case FAILED:
                end = " failed: " + e.failure;
                break;
            case SENT:
                end = " sent";
                break;
            default:
                end = " pending";
        }
        StringJoiner how = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if (stubbed) {
            how.add("stubbed");
        }
        if (form != Form.CALL) {
            how.add(form.methodName);
        }
        return argText + end + how;
    }

    private static String text(Object value) {
        String s = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return s.length() <= MAX_VALUE_TEXT ? s : s.substring(0, MAX_VALUE_TEXT) + "...";
    }

    private static final class Ending {
        final Outcome outcome;
        final Object result;
        final Throwable failure;

        Ending(Outcome outcome, Object result, Throwable failure) {
            this.outcome = outcome;
            this.result = result;
            this.failure = failure;
        }
    }
}
