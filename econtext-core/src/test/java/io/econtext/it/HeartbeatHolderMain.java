package io.econtext.it;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import java.time.Duration;

/**
 * A master in its own JVM for the stopped-master test: with the heartbeat {@code args[0]} ms / {@code args[1]} ms,
 * boots a chain of two contexts, prints {@code PIDS a b} on stdout, then sleeps until it is stopped and killed.
 */
public final class HeartbeatHolderMain {
    private HeartbeatHolderMain() {}

    public static void main(String[] args) throws Exception {
        RouterOptions options = RouterOptions.defaults()
                .withHeartbeat(Duration.ofMillis(Long.parseLong(args[0])), Duration.ofMillis(Long.parseLong(args[1])));
        Router router = Econtext.newRouter(options);
        Context a = router.connect(io.econtext.transport.local.Local.spec().name("held-a"));
        Context b = router.connect(
                io.econtext.transport.local.Local.spec().name("held-b").via(a));
        long far = b.call(() -> ProcessHandle.current().pid());
        System.out.println("PIDS " + a.info().pid() + " " + far);
        System.out.flush();
        Thread.sleep(120_000);
        router.close();
    }
}
