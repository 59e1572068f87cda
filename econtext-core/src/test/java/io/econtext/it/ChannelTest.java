package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.ChannelClosedException;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming values from children to the master through sender/receiver pairs. */
@Timeout(60)
class ChannelTest {
    @Test
    void streamsTenThousandValuesInOrder() {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            Receiver<Integer> r = router.newReceiver();
            Sender<Integer> s = r.sender();

            CompletableFuture<Object> producer = c.callAsync(() -> {
                for (int i = 0; i < 10000; i++) {
                    s.send(i);
                }
                s.close();
                return null;
            });
            List<Integer> got = new ArrayList<>();
            for (Integer v : r) {
                got.add(v);
            }

            assertThat(got).isEqualTo(IntStream.range(0, 10000).boxed().collect(Collectors.toList()));
            assertThat(producer).succeedsWithin(Duration.ofSeconds(10));
            assertThat(r.isDrained()).isTrue();
        }
    }

    @Test
    void selectsOverTwoReceiversFedByTwoContexts() {
        try (Router router = Econtext.newRouter()) {
            Context left = router.connect(Local.spec().name("left"));
            Context right = router.connect(Local.spec().name("right"));
            Receiver<String> fromLeft = router.newReceiver();
            Receiver<String> fromRight = router.newReceiver();
            Sender<String> toLeft = fromLeft.sender();
            Sender<String> toRight = fromRight.sender();

            left.callAsync(() -> produce(toLeft, 500));
            right.callAsync(() -> produce(toRight, 500));
            Select<String> select = Select.of(fromLeft, fromRight);
            List<String> leftValues = new ArrayList<>();
            List<String> rightValues = new ArrayList<>();
            while (!select.isDrained()) {
                Optional<Select.Event<String>> e = select.poll(Duration.ofSeconds(10));
                if (e.isEmpty()) {
                    break;
                }
                (e.get().receiver() == fromLeft ? leftValues : rightValues)
                        .add(e.get().value());
            }

            assertThat(select.isDrained()).as("both channels ended").isTrue();
            assertThat(leftValues).isEqualTo(expected("left", 500));
            assertThat(rightValues).isEqualTo(expected("right", 500));
        }
    }

    @Test
    void endsTheChannelWithAReasonWhenTheSendingContextIsLost() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name("dying-sender"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();

            c.callAsync(() -> {
                s.send("last value");
                Runtime.getRuntime().halt(9);
                return null;
            });

            assertThat(r.poll(Duration.ofSeconds(10))).contains("last value");
            assertThatThrownBy(() -> r.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(ChannelClosedException.class)
                    .hasMessageContaining("disconnected");
        }
    }

    static Object produce(Sender<String> s, int n) {
        String name = System.getProperty("econtext.name");
        for (int i = 0; i < n; i++) {
            s.send(name + "-" + i);
        }
        s.close();
        return null;
    }

    private static List<String> expected(String name, int n) {
        return IntStream.range(0, n).mapToObj(i -> name + "-" + i).collect(Collectors.toList());
    }
}
