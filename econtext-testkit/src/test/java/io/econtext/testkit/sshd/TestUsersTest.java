package io.econtext.testkit.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Test users set up by several JVMs at once, as parallel surefire forks do. */
@Timeout(120)
class TestUsersTest {
    @Test
    void parallelJvmsCreateTheSameNewUserAndEachGetsAWorkingKey() throws Exception {
        String name = freshName();
        try (SshdFixture sshd = SshdFixture.start()) {
            List<Process> jvms = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    jvms.add(startSetupJvm(name));
                }
                List<Path> keys = new ArrayList<>();
                for (Process jvm : jvms) {
                    keys.add(readKey(jvm));
                }
                Path home = keys.get(0).getParent().getParent();

                for (Path key : keys) {
                    ProcessRunner.Result r = SshClient.runWithKey(sshd, new TestUser(name, key, home), "id -un");
                    assertThat(r.exitCode()).as(r.describe()).isZero();
                    assertThat(r.stdout().strip()).isEqualTo(name);
                }
                for (Process jvm : jvms) {
                    jvm.getOutputStream().close();
                    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(jvm.exitValue()).isZero();
                }

                assertThat(keys).allSatisfy(key -> assertThat(key).doesNotExist());
                assertThat(Files.readString(home.resolve(".ssh/authorized_keys")))
                        .doesNotContain("econtext-testkit");
            } finally {
                jvms.forEach(Process::destroyForcibly);
                ProcessRunner.of("userdel", "-r", name).run();
            }
        }
    }

    @Test
    void keyOfAKilledJvmIsSweptByTheNextJvm() throws Exception {
        String name = freshName();
        try (SshdFixture sshd = SshdFixture.start()) {
            Process killed = startSetupJvm(name);
            Process next = null;
            try {
                Path deadKey = readKey(killed);
                String deadPublicKey = Files.readString(deadKey.resolveSibling(deadKey.getFileName() + ".pub"));
                killed.destroyForcibly().waitFor();

                next = startSetupJvm(name);
                Path liveKey = readKey(next);

                ProcessRunner.Result login = SshClient.runWithKey(
                        sshd, new TestUser(name, liveKey, liveKey.getParent().getParent()), "true");

                assertThat(login.exitCode()).as(login.describe()).isZero();
                assertThat(deadKey).doesNotExist();
                assertThat(Files.readString(liveKey.resolveSibling("authorized_keys")))
                        .doesNotContain(deadPublicKey.strip())
                        .containsOnlyOnce("econtext-testkit");
            } finally {
                killed.destroyForcibly();
                if (next != null) {
                    next.destroyForcibly().waitFor();
                }
                ProcessRunner.of("userdel", "-r", name).run();
            }
        }
    }

    /** A user that does not exist yet, so that the JVMs race to create it. */
    private static String freshName() {
        return "ectestrace" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
    }

    private static Process startSetupJvm(String name) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        UserSetupMain.class.getName(),
                        name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static Path readKey(Process jvm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        String l;
                        while ((l = out.readLine()) != null && !l.startsWith("KEY ")) {
                            // skip anything else the JVM prints
                        }
                        return l;
                    } catch (IOException e) {
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        assertThat(line).as("the setup JVM's key line").isNotNull();
        return Path.of(line.substring("KEY ".length()));
    }
}
