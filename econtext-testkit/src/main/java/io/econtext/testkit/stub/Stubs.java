package io.econtext.testkit.stub;

import io.econtext.Context;

/**
 * Makes stubbed contexts.
 *
 * <pre>{@code
 * @EcontextTest
 * class InventoryTest {
 *     @Test
 *     void reportsAFullDisk(@LocalContext(name = "web") Context real) {
 *         StubbedContext web = Stubs.wrap(real);
 *         web.when(Probes::diskFree).thenReturn(0L);
 *
 *         assertThat(new Inventory(web).alerts()).containsExactly("web: disk full");
 *         assertThat(web).hasReceivedCall(Probes::diskFree).hasReceivedCall(Probes::hostname);   // the real one
 *     }
 * }
 * }</pre>
 */
public final class Stubs {
    private Stubs() {}

    /**
     * A context that passes every call on to {@code real} until told otherwise with {@link StubbedContext#when}, and
     * records them all. Everything else (name, info, liveness, shutdown) is {@code real}'s.
     */
    public static StubbedContext wrap(Context real) {
        if (real instanceof StubbedContext) {
            throw new IllegalArgumentException("real : " + real + " (expected: a context that is not stubbed already;"
                    + " stub the one you have)");
        }
        return new StubbedContext(real);
    }
}
