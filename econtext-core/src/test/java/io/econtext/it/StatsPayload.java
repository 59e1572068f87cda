package io.econtext.it;

/** A class that names no other class of the application: served to a child alone, never with prefetched ones. */
public final class StatsPayload {
    private StatsPayload() {}

    public static int answer() {
        return 42;
    }
}
