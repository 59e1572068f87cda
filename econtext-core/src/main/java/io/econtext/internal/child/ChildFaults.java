package io.econtext.internal.child;

import io.econtext.internal.router.Stream;

/**
 * Faults a test injects into this context, from inside (the testkit's {@code Faults} calls these in the target context
 * by name, so they work at any hop and on any host; injected call failures never fail these calls themselves). Only
 * for tests: production code never calls them.
 *
 * <p>Threads: any.
 */
public final class ChildFaults {
    private ChildFaults() {}

    private static Stream parent() {
        Stream s = ChildRuntime.currentParentStream();
        if (s == null) {
            throw new IllegalStateException("not in a child context: faults are injected into children only");
        }
        return s;
    }

    /** A signal to an embedded context's JVM would hit the test that runs it. */
    private static void refuseInSharedJvm(String fault) {
        if (ChildRuntime.currentIsEmbedded()) {
            throw new UnsupportedOperationException(fault + " cannot be injected into an in-JVM fake context: it shares"
                    + " the test's JVM, which the signal would hit; use dropStream() to end it as a lost one");
        }
    }

    /** Kills this JVM with SIGKILL, as an OOM killer or an operator would (the signal comes from another process). */
    public static void kill() throws java.io.IOException {
        refuseInSharedJvm("kill()");
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start();
    }

    /**
     * Freezes this JVM (SIGSTOP) after {@code afterMillis}, for {@code millis}, then lets it go on (SIGCONT): a
     * detached shell does both, since nothing in a frozen JVM runs.
     */
    public static void stall(long afterMillis, long millis) throws java.io.IOException {
        refuseInSharedJvm("stall()");
        String pid = Long.toString(ProcessHandle.current().pid());
        new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "sleep " + afterMillis / 1000.0 + "; kill -STOP " + pid + "; sleep " + millis / 1000.0
                                + "; kill -CONT " + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * The next frame this context sends its parent (the answer to this very call, unless other traffic is quicker) is
     * garbage: the parent closes the stream, as for real corruption.
     */
    public static void corruptNextFrame() {
        parent().corruptNextWrite();
    }

    /**
     * Drops the stream to the parent, as a lost connection would: this context stops answering and winds down as a
     * context whose parent went away does, and the parent sees the stream end. Runs on a thread of its own, so the
     * call that asked for it is cut off like every other.
     */
    public static void dropStream() {
        final Stream parent = parent();
        Thread t = new Thread(
                new Runnable() {
                    @Override
                    public void run() {
                        String reason = "fault injected: the stream to the parent was dropped";
                        parent.close(reason); // nothing more gets out, not even answers of calls running now
                        ChildRuntime.exitAsIfOrphaned(reason);
                    }
                },
                "econtext-fault-drop");
        t.setDaemon(true);
        t.start();
    }

    /** Each frame this context sends its parent waits {@code millis} first; 0 ends the delay. */
    public static void delayMessages(long millis) {
        parent().delayWrites(millis * 1_000_000L);
    }

    /** Ends injected call failures and message delays. */
    public static void clear() {
        io.econtext.internal.call.InjectedFaults.clear();
        delayMessages(0);
    }
}
