package io.econtext.bench;

import com.google.inject.Guice;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.CoreModule;
import io.econtext.core.RouterOptions;
import io.econtext.core.Transports;

/** Row 5: bytes on the child's stdin and stdout from starting it to its first call returned. */
final class WireBytesBench implements Bench {
    private static final long BAR_BYTES = 128 * 1024;
    private final Setup setup;

    WireBytesBench(Setup setup) {
        this.setup = setup;
    }

    @Override
    public String label() {
        return "wire bytes: boot + first call";
    }

    @Override
    public String bar() {
        return "≤ 128 KiB";
    }

    @Override
    public void run(Report report) throws Exception {
        CountingLocalTransport counting = new CountingLocalTransport();
        long toChild;
        long fromChild;
        try (Router router = Guice.createInjector(
                        new CoreModule(RouterOptions.defaults()),
                        binder -> Transports.bind(binder).addBinding("local").toInstance(counting))
                .getInstance(Router.class)) {
            Context c = router.connect(setup.spec());
            c.call(Probe::one);
            toChild = counting.toChild();
            fromChild = counting.fromChild();
        }
        long total = toChild + fromChild;
        report.add(this, Stats.kib(total), Report.NONE, Report.NONE, total <= BAR_BYTES);
        report.note("wire bytes: " + toChild + " B to the child's stdin, " + fromChild + " B from its stdout");
    }
}
