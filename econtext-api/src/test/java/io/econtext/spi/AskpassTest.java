package io.econtext.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AskpassTest {
    private static final String PASSWORD = "s3cr'et $pw";
    private static final String REFUSE_QUESTIONS = "case \"$1\" in *passphrase*|*yes/no*) exit 1 ;; esac";

    /** Runs the helper as ssh or sudo would: {@code PROGRAM PROMPT}, output up to the first newline. */
    private static Result ask(Askpass askpass, String prompt) throws Exception {
        Process p = new ProcessBuilder(askpass.program().toString(), prompt).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("askpass ended").isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private record Result(int status, String out, String err) {}

    @Test
    void answersTheFirstPromptOnceThenFailsAtOnce() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "", "t")) {
            Result first = ask(a, "ectest@host's password: ");
            long start = System.nanoTime();
            Result second = ask(a, "ectest@host's password: ");

            assertThat(first).isEqualTo(new Result(0, PASSWORD + "\n", ""));
            assertThat(second.status())
                    .as("a second prompt fails at once instead of hanging")
                    .isNotZero();
            assertThat(second.out()).isEmpty();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void thePreambleRunsFirstAndMayRefuseAPromptWithoutSpendingTheAnswer() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), REFUSE_QUESTIONS, "t")) {
            assertThat(ask(a, "Enter passphrase for key '/root/.ssh/id_ed25519': ")
                            .status())
                    .isNotZero();
            assertThat(ask(a, "Are you sure you want to continue connecting (yes/no/[fingerprint])? ")
                            .status())
                    .isNotZero();

            assertThat(ask(a, "Password: ")).isEqualTo(new Result(0, PASSWORD + "\n", ""));
        }
    }

    @Test
    void withoutAPasswordTheHelperRunsThePreambleAndAnswersNothing() throws Exception {
        try (Askpass a = Askpass.start(null, "echo asked >&2", "t")) {
            assertThat(ask(a, "Password: ")).isEqualTo(new Result(1, "", "asked\n"));
            assertThat(a.directory().resolve("pw")).doesNotExist();
        }
    }

    @Test
    void keepsThePasswordOutOfFiles() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "", "t")) {
            Path dir = a.directory();

            assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Path script = a.program();
            assertThat(script.getParent()).isEqualTo(dir);
            assertThat(Files.getPosixFilePermissions(script)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.readString(script)).doesNotContain(PASSWORD);
            Path fifo = dir.resolve("pw");
            assertThat(Files.isRegularFile(fifo)).as("a FIFO, not a file").isFalse();
            assertThat(Files.getPosixFilePermissions(fifo)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void closeReleasesAWaitingWriterAndDeletesEverything() throws Exception {
        Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "", "econtext-askpass-unused");
        Path dir = a.directory();

        a.close();
        a.close();

        assertThat(dir).doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("the writer thread ends once released")
                .noneMatch(t -> t.getName().equals("econtext-askpass-unused") && waitEnd(t));
    }

    @Test
    void closeAfterTheAnswerDeletesEverything() throws Exception {
        Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "", "t");
        ask(a, "Password: ");

        a.close();

        assertThat(a.directory()).doesNotExist();
    }

    private static boolean waitEnd(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return t.isAlive();
    }
}
