package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child runs G1 with 16 MiB regions unless its heap is bounded too tightly for them; a small heap of the
 * application's own still boots (G1 refuses to start with {@code -Xmx32m} and 16 MiB regions).
 */
@Timeout(60)
class ChildHeapRegionsTest {
    @Test
    void aChildWithTheDefaultHeapHasRegionsLargeEnoughForAListOfTwoMillionElements() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("regions"));
            assertThat(c.call(ChildHeapRegionsTest::regionSize)).isEqualTo("16777216");
        }
    }

    @Test
    void aChildWithASmallHeapOfItsOwnStillBoots() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("small-heap").jvmOption("-Xmx32m"));
            assertThat(c.call(() -> Runtime.getRuntime().maxMemory() >> 20)).isLessThanOrEqualTo(32L);
            assertThat(c.call(ChildHeapRegionsTest::regionSize)).isNotEqualTo("16777216");
        }
    }

    static String regionSize() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("G1HeapRegionSize")
                .getValue();
    }
}
