package io.econtext.testkit.fake;

import io.econtext.spi.SpecSettings;

/**
 * In-JVM fake contexts, for tests that need many contexts, or fast ones. A fake context starts no process: it runs in
 * the JVM that boots it, on a thread of its own, in a class loader of its own, so that the static state of the classes
 * it runs is its own (two fake contexts count separately, as two JVMs would). Calls still go through the real codec and
 * router, so a value that could not cross the wire to a real context fails here too, with the same exception.
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *     Context a = router.connect(Fake.spec());
 *     Context b = router.connect(Fake.spec().name("b"));
 *     a.call(Counter::increment);                  // 1
 *     b.call(Counter::increment);                  // 1 as well: b's Counter is another class
 * }
 * }</pre>
 *
 * <p>What a fake cannot be: another process. Its pid, user and host are the test JVM's; {@code System.out} and {@code
 * System.err} are the test JVM's (not forwarded as a context's output); processes it starts are not ended with it;
 * JDK classes and their static state (system properties, say) are shared with the test; and a call that ignores
 * interruption keeps its thread running after the context has exited.
 */
public final class Fake {
    private Fake() {}

    /** A fake context booted by this JVM, named by the router, with a 30 s connect timeout. */
    public static FakeSpec spec() {
        return new FakeSpec(SpecSettings.defaults());
    }
}
