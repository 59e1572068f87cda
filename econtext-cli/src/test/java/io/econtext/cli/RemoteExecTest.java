package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Sender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote half on its own, in this JVM, with a sender that records. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RemoteExecTest {
    @Test
    void sendsStdoutAndStderrChunksThenClosesAndReturnsTheStatus() throws Exception {
        RecordingSender out = new RecordingSender();

        int status = RemoteExec.run(List.of("sh", "-c", "printf a; printf b >&2; exit 5"), out);

        assertThat(status).isEqualTo(5);
        assertThat(out.text(RemoteExec.STDOUT)).isEqualTo("a");
        assertThat(out.text(RemoteExec.STDERR)).isEqualTo("b");
        assertThat(out.closed).isTrue();
    }

    @Test
    void givesTheCommandAnEmptyStdin() throws Exception {
        RecordingSender out = new RecordingSender();

        int status = RemoteExec.run(List.of("sh", "-c", "wc -c"), out);

        assertThat(status).isZero();
        assertThat(out.text(RemoteExec.STDOUT).strip()).isEqualTo("0");
    }

    @Test
    void reportsACommandThatCannotStartAs127AndCloses() throws Exception {
        RecordingSender out = new RecordingSender();

        int status = RemoteExec.run(List.of("/nonexistent/command"), out);

        assertThat(status).isEqualTo(RemoteExec.CANNOT_RUN);
        assertThat(out.text(RemoteExec.STDERR)).contains("/nonexistent/command");
        assertThat(out.closed).isTrue();
    }

    @Test
    void reportsDeathBySignalAs128PlusTheSignal() throws Exception {
        int status = RemoteExec.run(List.of("sh", "-c", "kill -9 $$"), new RecordingSender());

        assertThat(status).isEqualTo(128 + 9);
    }

    private static final class RecordingSender implements Sender<Object> {
        final List<List<?>> chunks = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void send(Object value) {
            chunks.add((List<?>) value);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public int contextId() {
            return 0;
        }

        @Override
        public int handle() {
            return 1;
        }

        String text(String tag) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (List<?> c : chunks) {
                if (tag.equals(c.get(0))) {
                    b.writeBytes((byte[]) c.get(1));
                }
            }
            return b.toString(StandardCharsets.UTF_8);
        }
    }
}
