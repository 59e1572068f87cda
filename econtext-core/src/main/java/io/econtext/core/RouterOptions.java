package io.econtext.core;

import io.econtext.ContextOutput;
import java.util.List;

/**
 * Settings of a master router. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * Router r = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(8 << 20).withClassDeny(List.of("com.secret.")));
 * }</pre>
 *
 * @param maxFrameSize bound on one frame's data, both directions; a longer frame closes its stream
 * @param classAllow binary-name prefixes children may fetch classes and resources for; empty means all of the
 *     application class path
 * @param classDeny prefixes never served; wins over {@code classAllow}
 * @param output where children's printed lines go; {@code null} logs them under {@code econtext.ctx.NAME}
 */
public record RouterOptions(int maxFrameSize, List<String> classAllow, List<String> classDeny, ContextOutput output) {
    public static final int DEFAULT_MAX_FRAME_SIZE = 32 << 20;

    public RouterOptions {
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize : " + maxFrameSize + " (expected: >= 1024)");
        }
        classAllow = List.copyOf(classAllow);
        classDeny = List.copyOf(classDeny);
    }

    public static RouterOptions defaults() {
        return new RouterOptions(DEFAULT_MAX_FRAME_SIZE, List.of(), List.of(), null);
    }

    public RouterOptions withMaxFrameSize(int bytes) {
        return new RouterOptions(bytes, classAllow, classDeny, output);
    }

    public RouterOptions withClassAllow(List<String> prefixes) {
        return new RouterOptions(maxFrameSize, prefixes, classDeny, output);
    }

    public RouterOptions withClassDeny(List<String> prefixes) {
        return new RouterOptions(maxFrameSize, classAllow, prefixes, output);
    }

    public RouterOptions withOutput(ContextOutput output) {
        return new RouterOptions(maxFrameSize, classAllow, classDeny, output);
    }
}
