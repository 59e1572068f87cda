package io.econtext.internal.router;

import java.util.ArrayList;

/**
 * The streams a thread wrote to without flushing. A thread that batches (a reader forwarding frames while more are
 * buffered, a worker with more calls queued) defers flushing, then calls {@link #flushAll()} before it blocks.
 */
final class Outbox {
    private static final ThreadLocal<Outbox> CURRENT = new ThreadLocal<Outbox>() {
        @Override
        protected Outbox initialValue() {
            return new Outbox();
        }
    };

    private final ArrayList<Stream> dirty = new ArrayList<Stream>(4);

    static Outbox current() {
        return CURRENT.get();
    }

    void add(Stream s) {
        for (int i = 0; i < dirty.size(); i++) {
            if (dirty.get(i) == s) {
                return;
            }
        }
        dirty.add(s);
    }

    void flushAll() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }
}
