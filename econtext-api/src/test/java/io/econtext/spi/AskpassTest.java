package io.econtext.transport.ssh;

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

    /** Runs the askpass program as ssh would: {@code SSH_ASKPASS PROMPT}, output up to the first newline. */
    private static Result ask(Askpass askpass, String prompt) throws Exception {
        Process p = new ProcessBuilder(askpass.environment().get("SSH_ASKPASS"), prompt).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("askpass ended").isTrue();
        return new Result(p.exitValue(), out);
    }

    private record Result(int status, String out) {}

    @Test
    void answersTheFirstPasswordPromptOnceThenRefuses() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "t")) {
            Result first = ask(a, "ectest@host's password: ");
            Result second = ask(a, "ectest@host's password: ");

            assertThat(first).isEqualTo(new Result(0, PASSWORD + "\n"));
            assertThat(second.status())
                    .as("a second prompt fails at once instead of hanging")
                    .isNotZero();
            assertThat(second.out()).isEmpty();
        }
    }

    @Test
    void refusesPassphraseAndHostKeyQuestionsWithoutSpendingTheAnswer() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "t")) {
            assertThat(ask(a, "Enter passphrase for key '/root/.ssh/id_ed25519': ")
                            .status())
                    .isNotZero();
            assertThat(ask(a, "Are you sure you want to continue connecting (yes/no/[fingerprint])? ")
                            .status())
                    .isNotZero();

            assertThat(ask(a, "Password: ")).isEqualTo(new Result(0, PASSWORD + "\n"));
        }
    }

    @Test
    void keepsThePasswordOutOfFilesAndEnvironment() throws Exception {
        try (Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "t")) {
            Path dir = a.directory();

            assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            Path script = Path.of(a.environment().get("SSH_ASKPASS"));
            assertThat(Files.getPosixFilePermissions(script)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.readString(script)).doesNotContain(PASSWORD);
            Path fifo = dir.resolve("pw");
            assertThat(Files.isRegularFile(fifo)).as("a FIFO, not a file").isFalse();
            assertThat(Files.getPosixFilePermissions(fifo)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(a.environment()).containsOnlyKeys("SSH_ASKPASS", "SSH_ASKPASS_REQUIRE");
            assertThat(a.environment().values()).noneMatch(v -> v.contains(PASSWORD));
        }
    }

    @Test
    void closeReleasesAWaitingWriterAndDeletesEverything() throws Exception {
        Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "unused");
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
        Askpass a = Askpass.start(Secret.of(PASSWORD.toCharArray()), "t");
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
