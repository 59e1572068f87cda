package io.econtext.it;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;

/**
 * A master in its own JVM for the SIGKILL test: boots a chain of three contexts, prints {@code PIDS a b c} on stdout,
 * then sleeps until it is killed.
 */
public final class ChainHolderMain {
    private ChainHolderMain() {}

    public static void main(String[] args) throws Exception {
        Router router = Econtext.newRouter();
        Context a = router.connect(Local.spec().name("held-a"));
        Context b = router.connect(Local.spec().name("held-b").via(a));
        Context c = router.connect(Local.spec().name("held-c").via(b));
        long far = c.call(() -> ProcessHandle.current().pid());
        System.out.println("PIDS " + a.info().pid() + " " + b.info().pid() + " " + far);
        System.out.flush();
        Thread.sleep(120_000);
        router.close();
    }
}
