package io.econtext.internal.child;

import io.econtext.ContextIdentity;
import java.util.function.Supplier;

/**
 * Answers {@link io.econtext.Here#identity()} in a child JVM: the identity of the context running here, from its boot
 * parameters, or null when none runs (in the master's JVM, where econtext-core is on the class path too).
 */
public final class ChildIdentity implements Supplier<ContextIdentity> {
    @Override
    public ContextIdentity get() {
        return ChildRuntime.currentIdentity();
    }
}
