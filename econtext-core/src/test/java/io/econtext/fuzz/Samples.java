package io.econtext.fuzz;

import io.econtext.Context;
import io.econtext.Sender;
import io.econtext.internal.codec.CodecHooks;
import java.util.Map;

/**
 * The application types a fuzzed payload may name, and the hooks that resolve them: a payload decodes records and
 * enums only through {@link CodecHooks}, so the fuzzer reaches every decoding path, including a record whose
 * constructor refuses its components and a hook that fails.
 */
final class Samples {
    record Point(int x, String label) {}

    /** Refuses an empty text, as application records validate their components. */
    record Guarded(String text) {
        Guarded {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("text : '" + text + "' (expected: not empty)");
            }
        }
    }

    enum Color {
        RED,
        GREEN
    }

    /** A context id the hooks refuse, as a router does for a context it does not know. */
    static final int UNKNOWN_CONTEXT = 13;

    static final CodecHooks HOOKS = new CodecHooks() {
        private final Map<String, Class<?>> types = Map.of(
                Point.class.getName(), Point.class,
                Guarded.class.getName(), Guarded.class,
                Color.class.getName(), Color.class,
                Samples.class.getName(), Samples.class);

        @Override
        public Class<?> resolveClass(String binaryName) throws ClassNotFoundException {
            Class<?> type = types.get(binaryName);
            if (type == null) {
                throw new ClassNotFoundException(binaryName);
            }
            return type;
        }

        @Override
        public Context context(int id, String name) {
            if (id == UNKNOWN_CONTEXT) {
                throw new IllegalStateException("no context " + id);
            }
            return null;
        }

        @Override
        public Sender<?> sender(int contextId, int handle) {
            if (contextId == UNKNOWN_CONTEXT) {
                throw new IllegalStateException("no context " + contextId);
            }
            return null;
        }
    };

    private Samples() {}
}
