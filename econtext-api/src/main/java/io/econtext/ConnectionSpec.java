package io.econtext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to reach and start a child context. Each transport supplies its own immutable spec; these are the settings
 * every transport shares. A spec is a value: it is sent to the intermediate context that runs the transport.
 */
public interface ConnectionSpec {
    /** The scheme that selects the transport, e.g. {@code local}. */
    String scheme();

    /** The context that boots the child, or {@code null} for the context that calls connect. */
    Context via();

    /** The same spec without {@link #via()}, as sent to the booting context. */
    ConnectionSpec withoutVia();

    /** Path of {@code java} on the target; {@code java} means the first on {@code PATH}. */
    String javaPath();

    /** Options for the child JVM, e.g. {@code -Xmx64m}. */
    List<String> jvmOptions();

    /** Bound on the whole bootstrap, from starting the transport to the child's first answer. */
    Duration connectTimeout();

    /** Name hint for the child; {@code null} lets the router choose. */
    String name();

    /**
     * Where the first-stage jar may be written on the target, in order ({@code $NAME} reads the target's
     * environment); empty means the default: {@code $XDG_RUNTIME_DIR}, {@code /dev/shm}, {@code $TMPDIR}, {@code /tmp},
     * {@code /var/tmp}. A candidate is used only when it is sticky or the booting user's own, and the jar lives there
     * in a private directory only until the child JVM has opened it.
     */
    default List<String> firstStageDirs() {
        return List.of();
    }

    /** How the child JVM's threads are scheduled; {@link CpuScheduling#BATCH} unless the spec says otherwise. */
    default CpuScheduling cpuScheduling() {
        return CpuScheduling.BATCH;
    }

    /** Variables to set for the boot script, for transports that can set them. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * How long the stream to this child may read nothing before it sends a heartbeat ping; {@code null} (the default)
     * takes the router's ({@code RouterOptions.withHeartbeat}). The setting travels with the spec: it applies to the
     * stream to this child wherever the child is booted, in both directions.
     */
    default Duration heartbeatInterval() {
        return null;
    }

    /**
     * How long the stream to this child may read nothing at all before the child is declared unresponsive (its calls
     * fail with {@link ContextUnresponsiveException}, its process is ended), and before the child, whose parent went
     * silent that long, exits; {@code null} (the default) takes the router's.
     */
    default Duration heartbeatTimeout() {
        return null;
    }
}
