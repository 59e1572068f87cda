package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.econtext.CallRefusedException;
import io.econtext.ChannelClosedException;
import io.econtext.CodecException;
import io.econtext.Context;
import io.econtext.Receiver;
import io.econtext.RemoteCallException;
import io.econtext.Router;
import io.econtext.Sender;
import io.econtext.core.Econtext;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import io.econtext.internal.router.Handles;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A child is less trusted than its parent: it can neither speak for another context nor call upward. */
@Timeout(60)
class ChildTrustTest {
    @Test
    void dropsAFrameWhoseSourceIsAnotherContext() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context liar = router.connect(Local.spec().name("liar"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            byte[] asSibling = Frames.encode(Message.of(0, sibling.id(), s.handle(), 0, 0, encode("spoofed-sibling")));
            byte[] asMaster = Frames.encode(Message.of(0, 0, s.handle(), 0, 0, encode("spoofed-master")));

            liar.call(() -> {
                StreamIsolationTest.writeToProtocolStream(asSibling);
                StreamIsolationTest.writeToProtocolStream(asMaster);
                s.send("legit");
                s.close();
                return null;
            });

            assertThat(drain(r)).containsExactly("legit");
            assertThat(liar.call(() -> "the liar's stream stays open")).isNotNull();
            assertThat(sibling.isAlive()).isTrue();
        }
    }

    @Test
    void aChildThatSendsThousandsOfRefusedFramesCannotFloodTheMastersLog() throws Exception {
        try (Router router = Econtext.newRouter();
                HostileControlTrafficTest.Capture warnings =
                        HostileControlTrafficTest.Capture.of("io.econtext.internal.router.RouterCore")) {
            Context liar = router.connect(Local.spec().name("liar"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<String> r = router.newReceiver();
            Sender<String> s = r.sender();
            byte[] one = Frames.encode(Message.of(0, sibling.id(), s.handle(), 0, 0, encode("spoofed-sibling")));
            byte[] flood = new byte[one.length * 5000];
            for (int i = 0; i < 5000; i++) {
                System.arraycopy(one, 0, flood, i * one.length, one.length);
            }

            liar.call(() -> StreamIsolationTest.writeToProtocolStream(flood));
            assertThat(liar.call(() -> "still here")).isEqualTo("still here");

            assertThat(warnings.messages())
                    .as("warnings about 5,000 refused frames")
                    .hasSizeBetween(1, 10)
                    .allSatisfy(m -> assertThat(m).startsWith("dropped message from stream liar claiming src "));
        }
    }

    @Test
    void aSenderReferenceFromAChildCannotMakeTheMasterShutASiblingDown() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context liar = router.connect(Local.spec().name("liar"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            Receiver<Object> r = router.newReceiver();
            Sender<Object> s = r.sender();
            // a value that is a reference to "sender" SHUTDOWN (handle 8) of the sibling: VERSION, SENDER, id, handle
            byte[] reference = {1, 0x42, (byte) sibling.id(), (byte) Handles.SHUTDOWN};
            byte[] frame = Frames.encode(Message.of(0, liar.id(), s.handle(), 0, 0, reference));

            liar.call(() -> {
                s.send("legit");
                StreamIsolationTest.writeToProtocolStream(frame);
                return null;
            });

            assertThat(r.poll(Duration.ofSeconds(5))).contains("legit");
            Throwable decoding = catchThrowable(() -> r.poll(Duration.ofSeconds(5)));
            Thread.sleep(500);

            assertThat(sibling.isAlive()).as("the sibling is alive").isTrue();
            assertThat(decoding)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("handle 8 is a well-known handle, not a receiver's");
            assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
        }
    }

    @Test
    void refusesAChildsCallIntoItsParent() {
        try (Router router = Econtext.newRouter()) {
            Context a = router.connect(Local.spec().name("a"));
            Context b = router.connect(Local.spec().name("b").via(a));

            RemoteCallException e = catchThrowableOfType(
                    RemoteCallException.class,
                    () -> b.call(() -> a.call(() -> System.setProperty("econtext.test.ran-in-parent", "yes"))));

            assertThat(e).as("the call into the parent should have failed").isNotNull();
            assertThat(e.remoteClassName()).isEqualTo(CallRefusedException.class.getName());
            assertThat(e.contextName()).isEqualTo("b");
            assertThat(e.remoteMessage()).contains("refused");
            assertThat(a.call(() -> System.getProperty("econtext.test.ran-in-parent")))
                    .as("nothing ran in the parent")
                    .isNull();
            assertThat(a.call(() -> "a unaffected")).isEqualTo("a unaffected");
            assertThat(b.call(() -> "b unaffected")).isEqualTo("b unaffected");
        }
    }

    private static List<String> drain(Receiver<String> r) {
        List<String> got = new ArrayList<>();
        while (true) {
            Optional<String> v;
            try {
                v = r.poll(Duration.ofSeconds(10));
            } catch (ChannelClosedException e) {
                return got;
            }
            if (v.isEmpty()) {
                throw new AssertionError("the channel neither delivered nor ended within 10 s; got " + got);
            }
            got.add(v.get());
        }
    }

    private static byte[] encode(Object value) {
        return new ValueCodec(CodecHooks.NONE).encode(value);
    }
}
