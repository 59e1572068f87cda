package io.econtext.fleet;

import io.econtext.ConnectionSpec;

/**
 * One host of a {@link Fleet}: the name its results carry, and the spec that boots its context.
 *
 * @param name unique in the fleet, e.g. the inventory's {@code host[:port]}
 * @param spec how to reach it, e.g. {@code Ssh.parse(host.destination())}
 */
public record FleetMember(String name, ConnectionSpec spec) {
    public FleetMember {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name : '" + name + "' (expected: a host's name, unique in the fleet)");
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec : null (expected: the connection spec of '" + name + "')");
        }
    }
}
