package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.core.RouterOptions;
import io.econtext.transport.local.Local;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** What a child prints or logs arrives at the master, attributed to the context; it never corrupts the protocol. */
@Timeout(60)
class OutputForwardingTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    private record Line(String context, String stream, String text) {}

    @Test
    void forwardsSystemOutAndSystemErrLineByLine() throws Exception {
        List<Line> lines = new CopyOnWriteArrayList<>();
        try (Router router = Econtext.newRouter(RouterOptions.defaults()
                .withOutput((ctx, stream, line) -> lines.add(new Line(ctx.name(), stream, line))))) {
            Context c = router.connect(Local.spec().name("printer"));

            int answer = c.call(() -> {
                System.out.println("hello from the child");
                System.out.print("two lines\nin one print\n");
                System.err.println("and an error");
                return 42;
            });

            assertThat(answer).as("printing did not corrupt the protocol").isEqualTo(42);
            assertThat(Eventually.holds(ARRIVAL, () -> lines.size() >= 4)).isTrue();
            assertThat(lines)
                    .containsSubsequence(
                            new Line("printer", "stdout", "hello from the child"),
                            new Line("printer", "stdout", "two lines"),
                            new Line("printer", "stdout", "in one print"))
                    .contains(new Line("printer", "stderr", "and an error"));
        }
    }

    @Test
    void forwardsTheOutputOfASubprocessThatInheritsTheChildsStdio() throws Exception {
        List<Line> lines = new CopyOnWriteArrayList<>();
        try (Router router = Econtext.newRouter(RouterOptions.defaults()
                .withOutput((ctx, stream, line) -> lines.add(new Line(ctx.name(), stream, line))))) {
            Context c = router.connect(Local.spec().name("spawner"));

            int status = c.call(() -> new ProcessBuilder("sh", "-c", "echo from-subprocess; echo to-stderr >&2")
                    .inheritIO()
                    .start()
                    .waitFor());

            assertThat(status).isZero();
            assertThat(Eventually.holds(ARRIVAL, () -> lines.size() >= 2))
                    .as("lines: " + lines)
                    .isTrue();
            assertThat(lines)
                    .extracting(Line::context, Line::text)
                    .contains(tuple("spawner", "from-subprocess"), tuple("spawner", "to-stderr"));
            assertThat(c.call(() -> "the protocol survived")).isEqualTo("the protocol survived");
        }
    }

    @Test
    void forwardsChildSlf4jLoggingUnderALoggerNamingTheContext() throws Exception {
        String name = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        Logger target = (Logger) LoggerFactory.getLogger("econtext.ctx." + name);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        target.addAppender(appender);
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name(name));

            c.call(() -> {
                org.slf4j.Logger log = LoggerFactory.getLogger("x");
                log.warn("hello");
                log.debug("below the master's level");
                return null;
            });

            assertThat(Eventually.holds(ARRIVAL, () -> !snapshot(appender).isEmpty()))
                    .isTrue();
            List<ILoggingEvent> events = snapshot(appender);
            assertThat(events).hasSize(1);
            ILoggingEvent e = events.get(0);
            assertThat(e.getLoggerName()).isEqualTo("econtext.ctx." + name);
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("hello").contains("x");
        } finally {
            target.detachAppender(appender);
        }
    }

    @Test
    void forwardsALoggedExceptionWithItsStack() throws Exception {
        String name = "errs-" + UUID.randomUUID().toString().substring(0, 8);
        Logger target = (Logger) LoggerFactory.getLogger("econtext.ctx." + name);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        target.addAppender(appender);
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().name(name));

            c.call(() -> {
                LoggerFactory.getLogger("y").error("it failed", new IllegalStateException("cause of failure"));
                return null;
            });

            assertThat(Eventually.holds(ARRIVAL, () -> !snapshot(appender).isEmpty()))
                    .isTrue();
            ILoggingEvent e = snapshot(appender).get(0);
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("it failed");
            assertThat(e.getThrowableProxy()).isNotNull();
            assertThat(e.getThrowableProxy().getMessage()).contains("cause of failure");
        } finally {
            target.detachAppender(appender);
        }
    }

    private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }
}
