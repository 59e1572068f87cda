package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.econtext.Context;
import io.econtext.ContextDisconnectedException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.internal.router.Handles;
import io.econtext.internal.wire.Frames;
import io.econtext.internal.wire.Message;
import io.econtext.transport.local.Local;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A child whose code was replaced by hostile code speaks the wire protocol to the master: it writes frames of its
 * choosing straight to fd 4, its protocol stream, as an unsolicited log record or output line (the handles every child
 * may send to). The master decodes them only into plain values within a budget, refuses anything else by closing that
 * child's stream, and never allocates memory for frame bytes that did not arrive.
 */
@Timeout(120)
class HostileControlTrafficTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    // The codec's layout (internal/codec/Tags): a version byte, then tag-prefixed values.
    private static final int VERSION = 1;
    private static final int NULL = 0x00;
    private static final int INT = 0x06;
    private static final int STRING = 0x0A;
    private static final int LIST = 0x20;
    private static final int ENUM = 0x30;
    private static final int RECORD = 0x31;

    /** Set by code the master must never run on a child's say-so. */
    static final class Tripwires {
        static final AtomicBoolean LOG_ENUM_INITIALIZED = new AtomicBoolean();
        static final AtomicBoolean LOG_RECORD_CONSTRUCTED = new AtomicBoolean();
        static final AtomicBoolean OUTPUT_ENUM_INITIALIZED = new AtomicBoolean();
        static final AtomicBoolean OUTPUT_RECORD_CONSTRUCTED = new AtomicBoolean();
        static final AtomicBoolean RELAYED_ENUM_INITIALIZED = new AtomicBoolean();
    }

    /** A master-side enum whose static initializer trips a wire. */
    enum LogGadget {
        ARMED;

        static {
            Tripwires.LOG_ENUM_INITIALIZED.set(true);
        }
    }

    /** A master-side record whose constructor trips a wire. */
    record LogTrap(String text) {
        LogTrap {
            Tripwires.LOG_RECORD_CONSTRUCTED.set(true);
        }
    }

    enum OutputGadget {
        ARMED;

        static {
            Tripwires.OUTPUT_ENUM_INITIALIZED.set(true);
        }
    }

    enum RelayedGadget {
        ARMED;

        static {
            Tripwires.RELAYED_ENUM_INITIALIZED.set(true);
        }
    }

    record OutputTrap(String text) {
        OutputTrap {
            Tripwires.OUTPUT_RECORD_CONSTRUCTED.set(true);
        }
    }

    @Test
    void aLogRecordNamingMasterTypesRunsNoneOfTheirCode() throws Exception {
        try (Router router = Econtext.newRouter();
                Capture warnings = Capture.of("io.econtext.internal.master.MasterServices")) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            // [id, level, logger, message, throwable] with an enum as the logger and a record as the message
            byte[] payload = payload(out -> {
                list(out, 5);
                integer(out, hostile.id());
                integer(out, 3);
                enumConstant(out, LogGadget.class.getName(), "ARMED");
                record(out, LogTrap.class.getName(), "chosen by the child");
                out.write(NULL);
            });
            byte[] frame = Frames.encode(Message.of(0, hostile.id(), Handles.LOG, 0, 0, payload));

            Throwable sent = catchThrowable(() -> hostile.call(() -> StreamIsolationTest.writeToProtocolStream(frame)));

            assertThat(Tripwires.LOG_ENUM_INITIALIZED)
                    .as("the enum's static initializer ran")
                    .isFalse();
            assertThat(Tripwires.LOG_RECORD_CONSTRUCTED)
                    .as("the record's constructor ran")
                    .isFalse();
            assertThat(sent)
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("log record from context " + hostile.id() + " refused")
                    .hasMessageContaining("refused an enum");
            assertThat(warnings.messages())
                    .anySatisfy(m -> assertThat(m)
                            .startsWith(
                                    "closing stream hostile: log record from context " + hostile.id() + " refused"));
            assertHostileLostAndSiblingFine(hostile, sibling);
        }
    }

    @Test
    void anOutputLineNamingMasterTypesRunsNoneOfTheirCode() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            // [id, stream, line] with a record as the stream name and an enum as the line
            byte[] payload = payload(out -> {
                list(out, 3);
                integer(out, hostile.id());
                record(out, OutputTrap.class.getName(), "stdout");
                enumConstant(out, OutputGadget.class.getName(), "ARMED");
            });
            byte[] frame = Frames.encode(Message.of(0, hostile.id(), Handles.STDIO, 0, 0, payload));

            Throwable sent = catchThrowable(() -> hostile.call(() -> StreamIsolationTest.writeToProtocolStream(frame)));

            assertThat(Tripwires.OUTPUT_RECORD_CONSTRUCTED)
                    .as("the record's constructor ran")
                    .isFalse();
            assertThat(Tripwires.OUTPUT_ENUM_INITIALIZED)
                    .as("the enum's static initializer ran")
                    .isFalse();
            assertThat(sent)
                    .isInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("output line from context " + hostile.id() + " refused")
                    .hasMessageContaining("refused a record");
            assertHostileLostAndSiblingFine(hostile, sibling);
        }
    }

    @Test
    void aGrandchildsLogRecordNamingMasterTypesIsDroppedAndItsParentStaysConnected() throws Exception {
        try (Router router = Econtext.newRouter();
                Capture warnings = Capture.of("io.econtext.internal.master.MasterServices")) {
            Context parent = router.connect(Local.spec().name("parent"));
            Context hostile = router.connect(Local.spec().name("hostile").via(parent));
            Context sibling = router.connect(Local.spec().name("sibling").via(parent));
            byte[] payload = payload(out -> {
                list(out, 5);
                integer(out, hostile.id());
                integer(out, 3);
                string(out, "logger");
                enumConstant(out, RelayedGadget.class.getName(), "ARMED");
                out.write(NULL);
            });
            byte[] frame = Frames.encode(Message.of(0, hostile.id(), Handles.LOG, 0, 0, payload));

            hostile.call(() -> StreamIsolationTest.writeToProtocolStream(frame));

            assertThat(Tripwires.RELAYED_ENUM_INITIALIZED)
                    .as("the enum's static initializer ran")
                    .isFalse();
            assertThat(Eventually.holds(
                            BOUND,
                            () -> warnings.messages().stream()
                                    .anyMatch(m -> m.startsWith("dropped, from stream parent: log record from context "
                                            + hostile.id() + " refused: refused an enum"))))
                    .as("warnings: " + warnings.messages())
                    .isTrue();
            assertThat(parent.call(() -> "parent fine")).isEqualTo("parent fine");
            assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
        }
    }

    @Test
    void aLogRecordOfMillionsOfEmptyListsIsRefusedWithinItsBudget() throws Exception {
        int lists = 8 << 20;
        try (Router router = Econtext.newRouter();
                Capture warnings = Capture.of("io.econtext.internal.master.MasterServices")) {
            Context hostile = router.connect(Local.spec().name("hostile"));
            Context sibling = router.connect(Local.spec().name("sibling"));
            int hostileId = hostile.id();
            long payloadLength = 1 + 1 + 4 + 2L * lists;

            CompletableFuture<Integer> attack = hostile.callAsync(
                    () -> StreamIsolationTest.writeToProtocolStream(emptyListsLogFrame(hostileId, lists)));
            long slowest = 0;
            while (!attack.isDone()) {
                long start = System.nanoTime();
                assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
                slowest = Math.max(slowest, System.nanoTime() - start);
            }

            assertThatThrownBy(() -> attack.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ContextDisconnectedException.class)
                    .hasMessageContaining("log record from context " + hostileId + " refused")
                    .hasMessageContaining("payload of " + payloadLength + " bytes decodes into more than its budget of "
                            + (4 * payloadLength + (1 << 20)) + " bytes of heap (4 × its length + 1 MiB)");
            assertThat(warnings.messages())
                    .anySatisfy(m -> assertThat(m)
                            .startsWith("closing stream hostile: log record from context " + hostileId + " refused")
                            .contains("budget"));
            assertThat(Duration.ofNanos(slowest))
                    .as("the slowest sibling call during the attack")
                    .isLessThan(Duration.ofSeconds(3));
            assertHostileLostAndSiblingFine(hostile, sibling);
        }
    }

    @Test
    void framesThatDeclareTheMaximumSizeAndStallPinNoMemory() throws Exception {
        int stallers = 4;
        try (Router router = Econtext.newRouter()) {
            List<CompletableFuture<Context>> booting = new ArrayList<>();
            for (int i = 0; i < stallers; i++) {
                String name = "staller-" + i;
                booting.add(CompletableFuture.supplyAsync(
                        () -> router.connect(Local.spec().name(name))));
            }
            List<Context> hostile =
                    booting.stream().map(CompletableFuture::join).collect(Collectors.toList());
            Context sibling = router.connect(Local.spec().name("sibling"));
            long before = heapUsedAfterGc();

            for (Context c : hostile) {
                byte[] header = Frames.encode(Message.of(0, c.id(), Handles.LOG, 0, 0, new byte[0]));
                ByteBuffer.wrap(header).putInt(24, Frames.DEFAULT_MAX_FRAME);
                byte[] stall =
                        ByteBuffer.allocate(header.length + 10).put(header).array();
                c.callNoReply(() -> StreamIsolationTest.writeToProtocolStream(stall));
            }

            long margin = 48L << 20;
            long[] growth = {0};
            boolean pinned = Eventually.holds(Duration.ofSeconds(3), () -> {
                growth[0] = heapUsedAfterGc() - before;
                return growth[0] > margin;
            });
            assertThat(pinned)
                    .as(stallers + " frames declaring " + Frames.DEFAULT_MAX_FRAME + " bytes, 10 sent: heap grew by "
                            + (growth[0] >> 20) + " MiB")
                    .isFalse();
            assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
        }
    }

    @Test
    void aLineThatNeverEndsOnStderrArrivesInBoundedPieces() throws Exception {
        int length = 8 << 20;
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Router router = Econtext.newRouter(RouterOptions.defaults().withOutput((ctx, stream, line) -> {
            if (stream.equals("stderr") && !line.startsWith("econtext")) {
                lines.add(line);
            }
        }))) {
            Context hostile = router.connect(Local.spec().name("hostile"));

            hostile.call(() -> {
                byte[] chunk = new byte[1 << 20];
                Arrays.fill(chunk, (byte) 'a');
                try (FileOutputStream err = new FileOutputStream("/dev/fd/2")) {
                    for (int i = 0; i < length / chunk.length; i++) {
                        err.write(chunk);
                    }
                    err.write('\n');
                }
                return null;
            });

            assertThat(Eventually.holds(
                            BOUND,
                            () -> lines.stream().mapToLong(String::length).sum() >= length))
                    .as("all " + length + " characters arrive")
                    .isTrue();
            assertThat(lines.stream().mapToInt(String::length).max().orElse(0))
                    .as("the longest line forwarded")
                    .isLessThanOrEqualTo(64 * 1024);
            assertThat(hostile.call(() -> "still fine")).isEqualTo("still fine");
        }
    }

    private static void assertHostileLostAndSiblingFine(Context hostile, Context sibling) throws InterruptedException {
        assertThat(Eventually.holds(BOUND, () -> !hostile.isAlive())).isTrue();
        assertThatThrownBy(() -> hostile.call(() -> 1)).isInstanceOf(ContextDisconnectedException.class);
        assertThat(sibling.call(() -> "sibling fine")).isEqualTo("sibling fine");
    }

    /** Runs in the hostile child: a LOG frame whose value is a list of {@code n} empty lists. */
    static byte[] emptyListsLogFrame(int childId, int n) {
        int payloadLength = 1 + 1 + 4 + 2 * n;
        ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_SIZE + payloadLength);
        frame.putShort((short) Frames.MAGIC).putShort((short) 0);
        frame.putInt(0)
                .putInt(childId)
                .putInt(childId)
                .putInt(Handles.LOG)
                .putInt(0)
                .putInt(payloadLength);
        frame.put((byte) VERSION).put((byte) LIST);
        // a 4-byte varint count, then n x [LIST, count 0]
        frame.put((byte) (n & 0x7F | 0x80))
                .put((byte) (n >>> 7 & 0x7F | 0x80))
                .put((byte) (n >>> 14 & 0x7F | 0x80))
                .put((byte) (n >>> 21 & 0x7F));
        for (int i = 0; i < n; i++) {
            frame.put((byte) LIST).put((byte) 0);
        }
        return frame.array();
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private interface Body {
        void write(ByteArrayOutputStream out);
    }

    private static byte[] payload(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        body.write(out);
        return out.toByteArray();
    }

    private static void list(ByteArrayOutputStream out, int size) {
        out.write(LIST);
        varint(out, size);
    }

    private static void integer(ByteArrayOutputStream out, int v) {
        out.write(INT);
        varint(out, (v << 1) ^ (v >> 31));
    }

    /** A string value. */
    private static void string(ByteArrayOutputStream out, String s) {
        out.write(STRING);
        chars(out, s);
    }

    private static void chars(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static void enumConstant(ByteArrayOutputStream out, String className, String constant) {
        out.write(ENUM);
        chars(out, className);
        chars(out, constant);
    }

    /** A record of one string component. */
    private static void record(ByteArrayOutputStream out, String className, String component) {
        out.write(RECORD);
        chars(out, className);
        varint(out, 1);
        string(out, component);
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** What one logger of the master logs, as formatted messages. */
    static final class Capture implements AutoCloseable {
        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private Capture(String name) {
            logger = (Logger) LoggerFactory.getLogger(name);
            appender.start();
            logger.addAppender(appender);
        }

        static Capture of(String name) {
            return new Capture(name);
        }

        List<String> messages() {
            synchronized (appender) {
                return appender.list.stream()
                        .map(ILoggingEvent::getFormattedMessage)
                        .collect(Collectors.toList());
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
