package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.Router;
import io.econtext.Select;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A select over receivers fed by real child JVMs: typed values, and which receiver and context each came from. */
@Timeout(60)
class SelectTest {
    @Test
    void eachEventNamesItsReceiverAndTheContextThatSentIt() {
        try (Router router = Econtext.newRouter()) {
            Context web = router.connect(Local.spec().name("web"));
            Context db = router.connect(Local.spec().name("db"));
            Context replica = router.connect(Local.spec().name("replica").via(db));
            Receiver<Integer> sizes = router.newReceiver();
            Receiver<Long> counts = router.newReceiver();
            Sender<Integer> toSizes = sizes.sender();
            Sender<Long> toCounts = counts.sender();

            web.call(() -> {
                toSizes.send(1);
                toSizes.send(2);
                return null;
            });
            replica.call(() -> {
                toSizes.send(3);
                toCounts.send(40L);
                toCounts.close();
                return null;
            });
            toSizes.send(5); // from the master itself
            toSizes.close();
            Select<Number> select = Select.of(sizes, counts);

            List<String> seen = new ArrayList<>();
            long sum = 0;
            while (!select.isDrained()) {
                Optional<Select.Event<Number>> e = select.poll(Duration.ofSeconds(10));
                if (e.isEmpty()) {
                    break;
                }
                Select.Event<Number> event = e.get();
                sum += event.value().longValue(); // typed: no cast
                seen.add((event.receiver() == sizes ? "sizes" : "counts") + " " + event.value() + " from "
                        + event.senderName() + " (" + event.senderId() + ")");
                if (event.value().longValue() == 3) {
                    assertThat(event.isFrom(replica)).isTrue();
                    assertThat(event.isFrom(db)).isFalse();
                }
            }

            assertThat(select.isDrained()).isTrue();
            assertThat(sum).isEqualTo(51);
            assertThat(seen)
                    .containsExactlyInAnyOrder(
                            "sizes 1 from web (" + web.id() + ")",
                            "sizes 2 from web (" + web.id() + ")",
                            "sizes 3 from replica (" + replica.id() + ")",
                            "sizes 5 from master (0)",
                            "counts 40 from replica (" + replica.id() + ")");
        }
    }

    @Test
    void aNullValueIsAnEventNotATimeout() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("nulls"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            c.call(() -> {
                s.send(null);
                s.close();
                return null;
            });
            Select<String> select = Select.of(List.of(r));

            Optional<Select.Event<String>> e = select.poll(Duration.ofSeconds(10));

            assertThat(e).isPresent();
            assertThat(e.get().value()).isNull();
            assertThat(e.get().senderName()).isEqualTo("nulls");
            assertThat(select.poll(Duration.ofSeconds(10))).isEmpty();
            assertThat(select.isDrained()).isTrue();
        }
    }
}
