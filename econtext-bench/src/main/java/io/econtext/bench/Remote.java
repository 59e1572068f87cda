package io.econtext.bench;

import io.econtext.RemoteCallable;
import io.econtext.Sender;

/**
 * The functions the benchmarks run in a child. Their lambdas are created here, so a child loads only this class (and
 * the API types it names), never a benchmark.
 */
final class Remote {
    private Remote() {}

    /**
     * The Linux scheduling policy of the calling thread, by name (field 41 of {@code /proc/thread-self/stat}), or
     * {@code unknown} where there is no such file.
     */
    static RemoteCallable<String> schedulingPolicy() {
        return () -> {
            java.nio.file.Path stat = java.nio.file.Path.of("/proc/thread-self/stat");
            if (!java.nio.file.Files.isReadable(stat)) {
                return "unknown";
            }
            String s = java.nio.file.Files.readString(stat);
            String policy = s.substring(s.lastIndexOf(')') + 2).split(" ")[41 - 3];
            switch (policy) {
                case "0":
                    return "SCHED_OTHER";
                case "3":
                    return "SCHED_BATCH";
                default:
                    return "policy " + policy;
            }
        };
    }

    /** A call with a small argument that returns it. */
    static RemoteCallable<Integer> echo(int value) {
        return () -> value;
    }

    /** A call carrying {@code data} to the child; returns its length. */
    static RemoteCallable<Integer> length(byte[] data) {
        return () -> data.length;
    }

    /** Sends {@code count} arrays of {@code chunk} bytes to {@code to}, then closes it; returns the bytes sent. */
    static RemoteCallable<Long> produce(Sender<byte[]> to, int chunk, int count) {
        return () -> {
            byte[] data = new byte[chunk];
            for (int i = 0; i < count; i++) {
                to.send(data);
            }
            to.close();
            return (long) chunk * count;
        };
    }

    /** A call carrying {@code value} (a structured value of {@link Values}) to the child; returns its element count. */
    static RemoteCallable<Integer> count(Object value) {
        return () -> Values.count(value);
    }

    /** Has the child build and keep the value of {@code shape} of {@code n} elements; returns its count. */
    static RemoteCallable<Integer> hold(String shape, int n) {
        return () -> Values.hold(shape, n);
    }

    /** Returns the value of {@code shape} the child keeps (see {@link #hold}). */
    static RemoteCallable<Object> held(String shape) {
        return () -> Values.held(shape);
    }
}
