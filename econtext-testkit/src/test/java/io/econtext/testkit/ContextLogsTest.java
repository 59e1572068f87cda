package io.econtext.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(60)
class ContextLogsTest {
    @Test
    void collectsWhatAChildLogsThroughSlf4jWithItsLoggerAndLevel() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("logger"));
            try (ContextLogs logs = ContextLogs.of(c)) {
                c.call(() -> {
                    LoggerFactory.getLogger("worker.jobs").warn("retrying {} times", 3);
                    return null;
                });

                assertThat(logs.await(r -> r.message().equals("retrying 3 times"), Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(logs.records()).contains(new ContextLogs.Record("WARN", "worker.jobs", "retrying 3 times"));
            }
        }
    }
}
