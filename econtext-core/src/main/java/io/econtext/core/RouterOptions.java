package io.econtext.core;

import io.econtext.ContextOutput;
import io.econtext.TypeCodec;
import io.econtext.internal.codec.TypeCodecs;
import io.econtext.spi.SpecChecks;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of a master router. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * Router r = Econtext.newRouter(RouterOptions.defaults().withMaxFrameSize(8 << 20).withClassDeny(List.of("com.secret.")));
 * }</pre>
 *
 * @param maxFrameSize bound on one frame's data, both directions, a memory guard: a longer frame closes its stream. Values
 *     larger than a frame still cross: they travel in parts of at most 1 MiB (flow-controlled end to end), within the
 *     call's {@link io.econtext.CallOptions#maxValueSize()} (256 MiB by default)
 * @param classAllow binary-name prefixes children may fetch classes and resources for; empty means all of the
 *     application class path
 * @param classDeny prefixes never served; wins over {@code classAllow}
 * @param output where children's printed lines go; {@code null} logs them under {@code econtext.ctx.NAME}
 * @param heartbeatInterval a stream that read nothing for this long sends a ping (see {@link #withHeartbeat})
 * @param heartbeatTimeout a stream that read nothing for this long declares its peer unresponsive
 * @param typeCodecs the application's {@link TypeCodec} classes, in the order they are tried (see {@link
 *     #withTypeCodecs})
 * @param settings the settings other modules define ({@link RouterSetting}), as set with {@link #with}
 */
public record RouterOptions(
        int maxFrameSize,
        List<String> classAllow,
        List<String> classDeny,
        ContextOutput output,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        List<Class<? extends TypeCodec<?>>> typeCodecs,
        Map<RouterSetting<?>, Object> settings) {
    public static final int DEFAULT_MAX_FRAME_SIZE = 32 << 20;
    /** A stream that read nothing for 5 s pings its peer; the ping and its answer cost nothing while traffic flows. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /**
     * A peer silent for 30 s is declared unresponsive: long enough for a full GC pause or a swapped, loaded machine,
     * short enough for a fleet to notice a frozen host.
     */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

    public RouterOptions {
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize : " + maxFrameSize + " (expected: >= 1024)");
        }
        classAllow = List.copyOf(classAllow);
        classDeny = List.copyOf(classDeny);
        typeCodecs = List.copyOf(typeCodecs);
        settings = Map.copyOf(settings);
        SpecChecks.heartbeat(
                SpecChecks.heartbeatMillis(heartbeatInterval, "heartbeatInterval"),
                SpecChecks.heartbeatMillis(heartbeatTimeout, "heartbeatTimeout"));
    }

    public static RouterOptions defaults() {
        return new RouterOptions(
                DEFAULT_MAX_FRAME_SIZE,
                List.of(),
                List.of(),
                null,
                DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_HEARTBEAT_TIMEOUT,
                List.of(),
                Map.of());
    }

    public RouterOptions withMaxFrameSize(int bytes) {
        return new RouterOptions(
                bytes, classAllow, classDeny, output, heartbeatInterval, heartbeatTimeout, typeCodecs, settings);
    }

    public RouterOptions withClassAllow(List<String> prefixes) {
        return new RouterOptions(
                maxFrameSize, prefixes, classDeny, output, heartbeatInterval, heartbeatTimeout, typeCodecs, settings);
    }

    public RouterOptions withClassDeny(List<String> prefixes) {
        return new RouterOptions(
                maxFrameSize, classAllow, prefixes, output, heartbeatInterval, heartbeatTimeout, typeCodecs, settings);
    }

    public RouterOptions withOutput(ContextOutput output) {
        return new RouterOptions(
                maxFrameSize, classAllow, classDeny, output, heartbeatInterval, heartbeatTimeout, typeCodecs, settings);
    }

    /**
     * Every stream (to a child, and a child's stream to its parent) sends a ping when it read nothing for {@code
     * interval}, and declares its peer unresponsive when it read nothing for {@code timeout}: a child then fails its
     * calls with {@link io.econtext.ContextUnresponsiveException} and has its process ended; a child whose parent went
     * silent exits. A spec's {@link io.econtext.ConnectionSpec#heartbeatTimeout()} wins for the stream to its child.
     *
     * @param interval at least 10 ms; default {@link #DEFAULT_HEARTBEAT_INTERVAL}
     * @param timeout at least twice {@code interval}; default {@link #DEFAULT_HEARTBEAT_TIMEOUT}
     */
    public RouterOptions withHeartbeat(Duration interval, Duration timeout) {
        if (interval == null || interval.isZero() || timeout == null || timeout.isZero()) {
            throw new IllegalArgumentException("heartbeat : " + interval + ", " + timeout
                    + " (expected: a positive interval and a timeout of at least twice the interval)");
        }
        return new RouterOptions(maxFrameSize, classAllow, classDeny, output, interval, timeout, typeCodecs, settings);
    }

    /**
     * Carries values of the application's own types through these codecs, in every context this router boots and at
     * every hop. Each class is made here (a public class with a public no-argument constructor); children load the
     * same classes from the master's class path on first use, within {@link #classAllow} and {@link #classDeny}. A
     * payload may name only a registered codec: a child cannot make the master load or make any other class.
     *
     * <pre>{@code
     * RouterOptions.defaults().withTypeCodecs(List.of(MoneyCodec.class))
     * }</pre>
     *
     * @throws IllegalArgumentException when a class is not a usable codec, carries a type econtext carries itself, or
     *     carries the same type as another
     */
    public RouterOptions withTypeCodecs(List<? extends Class<? extends TypeCodec<?>>> codecs) {
        TypeCodecs.load(codecs);
        return new RouterOptions(
                maxFrameSize,
                classAllow,
                classDeny,
                output,
                heartbeatInterval,
                heartbeatTimeout,
                List.copyOf(codecs),
                settings);
    }

    /**
     * Sets a module's router-wide setting, e.g. {@code with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED)}.
     *
     * @throws IllegalArgumentException when the value is null or not of the setting's type
     */
    public <T> RouterOptions with(RouterSetting<T> setting, T value) {
        if (setting == null) {
            throw new IllegalArgumentException(
                    "setting : null (expected: a RouterSetting constant, e.g. Ssh.DEFAULT_CLIENT)");
        }
        if (value == null || !setting.type().isInstance(value)) {
            throw new IllegalArgumentException(setting.name() + " : " + value + " (expected: a "
                    + setting.type().getSimpleName() + ")");
        }
        Map<RouterSetting<?>, Object> m = new java.util.HashMap<>(settings);
        m.put(setting, value);
        return new RouterOptions(
                maxFrameSize, classAllow, classDeny, output, heartbeatInterval, heartbeatTimeout, typeCodecs, m);
    }

    /** The value of {@code setting}: as set with {@link #with}, else its default. */
    public <T> T setting(RouterSetting<T> setting) {
        Object v = settings.get(setting);
        return v == null ? setting.defaultValue() : setting.type().cast(v);
    }
}
