package io.econtext.bench;

import io.econtext.ConnectionSpec;
import io.econtext.Context;
import io.econtext.transport.ssh.SshSpec;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What the ssh rows share: the whole chain of {@code --via} (which has at least one ssh hop), how to build the spec of
 * each hop, and the iteration scale.
 *
 * @param via the hops as written on the command line
 * @param firstSsh the index of the first ssh hop; every hop before it is local, so its {@code ssh} runs on this machine
 * @param specs the spec of hop {@code i} booted by a context ({@code null}: by this JVM), with every ssh option applied
 * @param quick fewer iterations (for tests)
 */
record SshSetup(List<String> via, int firstSsh, BiFunction<Integer, Context, ConnectionSpec> specs, boolean quick) {
    SshSetup {
        via = List.copyOf(via);
        if (firstSsh < 0 || firstSsh >= via.size()) {
            throw new IllegalArgumentException("firstSsh : " + firstSsh + " (expected: an index of via " + via + ")");
        }
    }

    /** The first ssh hop's spec as this JVM would boot it: the options every baseline {@code ssh} runs with. */
    SshSpec firstSshSpec() {
        return (SshSpec) specs.apply(firstSsh, null);
    }

    /** {@code quick} in quick mode, else {@code full}. */
    int scale(int quick, int full) {
        return this.quick ? quick : full;
    }
}
