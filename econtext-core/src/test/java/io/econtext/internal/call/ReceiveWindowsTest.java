package io.econtext.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.ChannelWindow;
import io.econtext.internal.router.Policy;
import io.econtext.internal.router.RouterCore;
import io.econtext.internal.wire.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver's side of the window, fed messages as a reader thread would. */
class ReceiveWindowsTest {
    private static final int RECEIVER = 4242;

    private final RouterCore router = new RouterCore(0, new int[0], null);
    private final List<Message> credits = new ArrayList<>();
    private final int creditHandle = router.newHandle((m, from) -> credits.add(m), Policy.ANY, false, -1);
    private final ReceiveWindows windows = new ReceiveWindows(router, RECEIVER, ChannelWindow.of(4, 100));

    @Test
    void grantsTheWholeWindowToAContextThatAnnouncesItself() {
        assertThat(windows.admit(value(0))).isEqualTo(ReceiveWindows.CONTROL);

        assertThat(credits).hasSize(1);
        assertThat(credit(credits.get(0))).containsExactly(RECEIVER, 4, 100);
    }

    @Test
    void refusesTheValueThatDoesNotFitTheValuesOrTheBytes() {
        windows.admit(value(0));
        for (int i = 0; i < 4; i++) {
            assertThat(windows.admit(value(10))).isEqualTo(ReceiveWindows.QUEUE);
        }
        assertThat(windows.admit(value(1))).as("a fifth value").isEqualTo(ReceiveWindows.REFUSE);

        ReceiveWindows bytes = new ReceiveWindows(router, RECEIVER, ChannelWindow.of(4, 100));
        assertThat(bytes.admit(value(60))).isEqualTo(ReceiveWindows.QUEUE);
        assertThat(bytes.admit(value(41))).as("101 bytes in flight").isEqualTo(ReceiveWindows.REFUSE);
    }

    @Test
    void letsAValueLargerThanTheWindowPassAloneOnly() {
        assertThat(windows.admit(value(500))).isEqualTo(ReceiveWindows.QUEUE);
        assertThat(windows.admit(value(1))).isEqualTo(ReceiveWindows.REFUSE);
    }

    @Test
    void givesCreditBackInBatchesOfHalfTheWindowAsValuesAreTaken() {
        windows.admit(value(0));
        credits.clear();
        List<Message> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message m = value(10);
            windows.admit(m);
            queued.add(m);
        }

        windows.taken(queued.get(0));
        assertThat(credits).as("after one of four taken").isEmpty();
        windows.taken(queued.get(1));
        assertThat(credits).hasSize(1);
        assertThat(credit(credits.get(0))).containsExactly(RECEIVER, 2, 20);
        assertThat(windows.admit(value(10)))
                .as("a value within the credit given back")
                .isEqualTo(ReceiveWindows.QUEUE);
    }

    @Test
    void givesWhatWasTakenBackAtOnceToASenderThatSaysItWaits() {
        windows.admit(value(0));
        credits.clear();
        Message big = value(70);
        windows.admit(big);
        windows.taken(big); // 70 of 100 bytes: a batch (50) is full
        credits.clear();
        Message small = value(20);
        windows.admit(small);
        windows.taken(small); // 20 bytes, 1 value: below both batches

        assertThat(credits).isEmpty();
        windows.admit(value(0)); // the sender waits for room for, say, 90 bytes
        assertThat(credits).hasSize(1);
        assertThat(credit(credits.get(0))).containsExactly(RECEIVER, 1, 20);
    }

    @Test
    void tellsEachSourceWhenTheChannelEnds() {
        windows.admit(value(0));

        Message[] told = windows.ended("the receiver was closed");

        assertThat(told).hasSize(1);
        assertThat(told[0].has(Message.FLAG_CLOSE)).isTrue();
        assertThat(told[0].handle).isEqualTo(creditHandle);
        assertThat(new String(told[0].data, 4, told[0].data.length - 4)).isEqualTo("the receiver was closed");
    }

    private Message value(int size) {
        return Message.of(0, 0, RECEIVER, creditHandle, 0, new byte[size]);
    }

    private static List<Integer> credit(Message m) {
        ByteBuffer b = ByteBuffer.wrap(m.data);
        return List.of(b.getInt(), b.getInt(), b.getInt());
    }
}
