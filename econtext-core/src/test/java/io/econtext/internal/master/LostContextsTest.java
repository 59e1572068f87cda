package io.econtext.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A master that outlives many contexts forgets the lost ones, a while after their loss. */
@Timeout(120)
class LostContextsTest {
    @Test
    void forgetsContextsSomeTimeAfterTheyWereLost() throws Exception {
        try (Router router = Econtext.newRouter()) {
            MasterRouter master = (MasterRouter) router;
            Context kept = router.connect(Local.spec().name("kept"));
            for (int i = 0; i < 5; i++) {
                Context c = router.connect(Local.spec().name("short-lived-" + i));
                ProcessHandle.of(c.info().pid()).orElseThrow().destroyForcibly();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (c.isAlive() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(c.isAlive()).isFalse();
            }
            assertThat(master.knownContexts())
                    .as("right after the losses: names still known")
                    .isEqualTo(6);

            long until = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(MasterRouter.LOST_CONTEXT_RETENTION_MILLIS + 10_000);
            while (master.knownContexts() > 1 && System.nanoTime() < until) {
                Thread.sleep(100);
            }

            assertThat(master.knownContexts())
                    .as("contexts known after the retention")
                    .isEqualTo(1);
            assertThat(kept.call(() -> "kept")).isEqualTo("kept");
        }
    }
}
