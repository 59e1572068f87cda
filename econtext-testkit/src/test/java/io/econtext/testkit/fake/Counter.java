package io.econtext.testkit.fake;

/** Static state for the fake-context tests: each context that loads this class counts for itself. */
public final class Counter {
    private static int count;

    private Counter() {}

    public static synchronized int increment() {
        return ++count;
    }
}
