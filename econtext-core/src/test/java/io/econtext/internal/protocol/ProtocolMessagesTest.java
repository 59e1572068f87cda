package io.econtext.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import io.econtext.RemoteThrowable;
import io.econtext.internal.codec.CodecHooks;
import io.econtext.internal.codec.ValueCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each protocol payload crosses the codec (plain mode, as its receiver decodes it) and comes back equal, and every
 * other shape is refused by {@code fromWire}, whatever field is wrong.
 */
class ProtocolMessagesTest {
    private final ValueCodec codec = new ValueCodec(CodecHooks.NONE);

    private Object cross(Object wire) {
        byte[] b = codec.encode(wire);
        return codec.decodePlain(b, 0, b.length);
    }

    /** Class answers come from an ancestor, which a child trusts: decoded in full (a map is not a plain value). */
    private Object crossFromAncestor(Object wire) {
        byte[] b = codec.encode(wire);
        return codec.decode(b, 0, b.length);
    }

    @Test
    void aLogRecordCrossesAndItsThrowableArrivesAsARemoteThrowable() {
        LogRecord r = LogRecord.fromWire(
                cross(new LogRecord(7, 3, "app.Job", "done", new IllegalStateException("boom")).toWire()));

        assertThat(r.contextId()).isEqualTo(7);
        assertThat(r.level()).isEqualTo(3);
        assertThat(r.logger()).isEqualTo("app.Job");
        assertThat(r.message()).isEqualTo("done");
        assertThat(r.error()).isInstanceOf(RemoteThrowable.class).hasMessageContaining("boom");
        assertThat(LogRecord.fromWire(cross(new LogRecord(7, 3, "app.Job", null, null).toWire())))
                .isEqualTo(new LogRecord(7, 3, "app.Job", null, null));
    }

    @Test
    void refusesEveryOtherShapeOfLogRecord() {
        assertThat(LogRecord.fromWire(null)).isNull();
        assertThat(LogRecord.fromWire("log")).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, 3, "l", "m"))).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7L, 3, "l", "m", null))).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, "3", "l", "m", null))).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, 3, null, "m", null))).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, 3, "l", 4, null))).isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, 3, "l", "m", "not a throwable")))
                .isNull();
        assertThat(LogRecord.fromWire(Arrays.asList(7, 3, "l", "m", null, "extra")))
                .isNull();
    }

    @Test
    void anOutputLineCrossesAndOtherShapesAreRefused() {
        assertThat(OutputLine.fromWire(cross(new OutputLine(2, "stdout", "hello").toWire())))
                .isEqualTo(new OutputLine(2, "stdout", "hello"));
        assertThat(OutputLine.fromWire(Arrays.asList(2, "stdout"))).isNull();
        assertThat(OutputLine.fromWire(Arrays.asList("2", "stdout", "x"))).isNull();
        assertThat(OutputLine.fromWire(Arrays.asList(2, null, "x"))).isNull();
        assertThat(OutputLine.fromWire(Arrays.asList(2, "stdout", null))).isNull();
    }

    @Test
    void aClassAnswerCrossesAndOtherShapesFailWithCodecException() {
        ClassAnswer a = new ClassAnswer("a.B", new byte[] {1, 2}, Map.of("a.C", new byte[] {3}));
        ClassAnswer back = ClassAnswer.fromWire(crossFromAncestor(a.toWire()));

        assertThat(back.name()).isEqualTo("a.B");
        assertThat(back.bytes()).containsExactly(1, 2);
        assertThat(back.prefetched()).containsOnlyKeys("a.C");
        assertThat(ClassAnswer.fromWire(
                                crossFromAncestor(ClassAnswer.notFound("x.Y").toWire()))
                        .found())
                .isFalse();
        for (Object bad : List.of(
                "a.B",
                Arrays.asList("a.B", new byte[0]),
                Arrays.asList(1, new byte[0], Map.of()),
                Arrays.asList("a.B", "bytes", Map.of()),
                Arrays.asList("a.B", new byte[0], List.of()),
                Arrays.asList("a.B", new byte[0], Map.of("a.C", "not bytes")),
                Arrays.asList("a.B", new byte[0], Map.of(3, new byte[0])))) {
            assertThatThrownBy(() -> ClassAnswer.fromWire(bad))
                    .isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("malformed class answer: ");
        }
    }

    @Test
    void aResourceRequestAndItsAnswerCross() {
        ResourceRequest all = new ResourceRequest(ResourceRequest.ALL, "META-INF/services/x");
        assertThat(ResourceRequest.fromWire(all.toWire())).isEqualTo(all);
        assertThat(ResourceRequest.fromWire(new byte[0])).isEqualTo(new ResourceRequest(ResourceRequest.FIRST, ""));
        assertThat(ResourceRequest.fromWire(new byte[] {9, 'a'}).mode())
                .as("an unknown mode asks for the first")
                .isEqualTo(ResourceRequest.FIRST);

        List<byte[]> found = ResourceAnswer.fromWire(cross(ResourceAnswer.toWire(List.of(new byte[] {5}))));
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsExactly(5);
        assertThatThrownBy(() -> ResourceAnswer.fromWire(Arrays.asList(new byte[0], "x")))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("a list of 2: [byte[], String]");
        assertThatThrownBy(() -> ResourceAnswer.fromWire(null)).isInstanceOf(CodecException.class);
    }

    @Test
    void aHelloAndABootAnswerCrossAndOtherShapesAreRefused() {
        io.econtext.internal.boot.Hello hello = io.econtext.internal.boot.Hello.thisJvm();
        assertThat(BootAnswer.hello(cross(hello.toWire()))).isEqualTo(hello);
        io.econtext.ContextInfo info = BootAnswer.fromWire("far", cross(BootAnswer.toWire(hello.info("far", 321))));
        assertThat(info).isEqualTo(hello.info("far", 321));

        assertThatThrownBy(() -> BootAnswer.hello(Arrays.asList(1L, "u", "h", "17", "/j", 5L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got a list of 6");
        assertThatThrownBy(() -> BootAnswer.hello(Arrays.asList(1, "u", "h", "17", "/j")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootAnswer.hello(Arrays.asList(1L, "u", 7, "17", "/j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a field a Integer");
        assertThatThrownBy(() -> BootAnswer.fromWire("far", Arrays.asList(1L, "u", "h", "17", "/j", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boot millis a String");
    }

    @Test
    void refusesABootRequestOfAnyOtherShape() {
        for (Object bad : List.of(
                "boot",
                Arrays.asList("not a spec", 3, "far", "io.econtext.transport.local.LocalTransport"),
                Arrays.asList(io.econtext.transport.local.Local.spec(), "3", "far", "x.T"),
                Arrays.asList(io.econtext.transport.local.Local.spec(), 3, null, "x.T"),
                Arrays.asList(io.econtext.transport.local.Local.spec(), 3, "far"))) {
            assertThatThrownBy(() -> BootChild.fromWire(bad))
                    .isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("malformed boot request: ");
        }
        BootChild ok = new BootChild(io.econtext.transport.local.Local.spec(), 3, "far", "x.T");
        assertThat(BootChild.fromWire(ok.toWire())).isEqualTo(ok);
    }
}
