package io.econtext.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.ChannelWindow;
import io.econtext.Receiver;
import io.econtext.Sender;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.RouterCore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A receiver that ended holds nothing of its router's: no handle, no loss listener, no credit entry. */
class ChannelReceiverLifecycleTest {
    private final RouterCore router = new RouterCore(0, new int[0], null);
    private final ValueCodec codec = new ValueCodec(CodecHooks.NONE);
    private final CreditLedger ledger = new CreditLedger(router);

    @Test
    void tenThousandReceiversOpenedAndClosedLeaveNothingBehind() {
        int listeners = router.lossListenerCount();
        int handles = router.allocatedHandles().length;
        int entries = ledger.size();

        for (int i = 0; i < 10_000; i++) {
            Receiver<String> r = new ChannelReceiver<>(router, codec, ledger, ChannelWindow.DEFAULT);
            Sender<String> s = r.sender();
            s.send("value " + i);
            assertThat(r.poll(Duration.ZERO)).contains("value " + i);
            if (i % 2 == 0) {
                s.close(); // ended by its sender
                assertThat(r.isDrained()).isTrue();
            } else {
                r.close(); // or by its consumer
            }
        }

        assertThat(router.lossListenerCount()).as("loss listeners").isEqualTo(listeners);
        assertThat(router.allocatedHandles()).as("allocated handles").hasSize(handles);
        assertThat(ledger.size()).as("credit entries").isEqualTo(entries);
    }
}
