package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A closed router leaves none of its threads behind: a long-lived program may open and close routers at will. */
@Timeout(120)
class RouterCloseTest {
    @Test
    void closedRoutersLeaveNoClassServerThreads() throws Exception {
        Set<Thread> before = classServerThreads();
        for (int i = 0; i < 3; i++) {
            try (Router router = Econtext.newRouter()) {
                Context c = router.connect(Local.spec().name("served-" + i));
                assertThat(c.call(() -> new Served().toString())).isEqualTo("served"); // makes the child fetch Served
            }
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Thread> left = classServerThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left.removeIf(t -> !t.isAlive());
        }
        assertThat(left).as("class server threads of closed routers").isEmpty();
    }

    /** The live threads of class servers (of routers still open elsewhere in this JVM too). */
    private static Set<Thread> classServerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("econtext-class-server"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    static final class Served {
        @Override
        public String toString() {
            return "served";
        }
    }
}
