package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.econtext.BootTimeoutException;
import io.econtext.BootstrapException;
import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.boot.BootScript;
import io.econtext.transport.local.Local;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is left of a boot, whatever fails: a full first candidate directory is passed over, a JVM that never starts
 * or is killed mid-boot leaves no file. Each candidate here is a private directory, so parallel tests do not interfere.
 */
@Timeout(60)
class BootLeavesNothingTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path tempDir;

    @Test
    void aFullFirstCandidateIsPassedOverForTheNext() throws Exception {
        Path next = candidate("next");
        try (FullTmpfs full = FullTmpfs.mount(tempDir.resolve("full"));
                Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec()
                    .name("after-full")
                    .firstStageDirs(List.of(full.dir().toString(), next.toString())));

            assertThat(c.call(() -> "booted")).isEqualTo("booted");
            assertThat(BootstrapTest.firstStageJar(c).toString())
                    .as("the first stage was written to the next candidate")
                    .startsWith(next + "/" + BootScript.FIRST_STAGE_PREFIX);
            assertThat(listing(full.dir())).as("the full candidate").containsExactly(FullTmpfs.FILLER);
            assertThat(listing(next)).as("the next candidate after boot").isEmpty();
        }
    }

    @Test
    void namesEachCandidateAndWhyWhenNoneHasRoom() throws Exception {
        try (FullTmpfs full = FullTmpfs.mount(tempDir.resolve("full"));
                Router router = Econtext.newRouter()) {
            BootstrapException e = catchThrowableOfType(
                    BootstrapException.class,
                    () -> router.connect(Local.spec()
                            .name("no-room")
                            .firstStageDirs(List.of(full.dir().toString(), "/nonexistent-dir"))));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getMessage())
                    .contains("no-room")
                    .contains(full.dir() + " (full)")
                    .contains("/nonexistent-dir (not a directory)")
                    .contains("firstStageDirs");
            assertThat(e.exitStatus()).isEqualTo(BootScript.EXIT_NO_DIRECTORY);
            assertThat(listing(full.dir())).containsExactly(FullTmpfs.FILLER);
        }
    }

    @Test
    void aJavaThatNeverAnswersIsKilledAtTheConnectTimeoutAndLeavesNothing() throws Exception {
        Path candidates = candidate("candidates");
        Path pidFile = tempDir.resolve("pid");
        Path sleeper = executable("sleeping-java", "#!/bin/sh\necho $$ >" + pidFile + "\nexec sleep 30\n");
        try (Router router = Econtext.newRouter()) {
            long start = System.nanoTime();
            BootTimeoutException e = catchThrowableOfType(
                    BootTimeoutException.class,
                    () -> router.connect(Local.spec()
                            .name("sleeper")
                            .javaPath(sleeper.toString())
                            .connectTimeout(Duration.ofSeconds(2))
                            .firstStageDirs(List.of(candidates.toString()))));

            assertThat(e).as("the boot should have timed out").isNotNull();
            assertThat(e.getMessage()).contains("sleeper").contains("2000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(listing(candidates))
                    .as("left in the candidate directory")
                    .isEmpty();
            assertThat(Pids.stillRunningAfter(
                            BOUND, Long.parseLong(Files.readString(pidFile).strip())))
                    .as("the sleeping java")
                    .isEmpty();
        }
    }

    @Test
    void aBootKilledWithSigkillMidwayLeavesNothing() throws Exception {
        Path candidates = candidate("candidates");
        Path pidFile = tempDir.resolve("pid");
        // the boot's java: stops there, mid-boot
        Path stopped = executable(
                "stopped-java",
                "#!/bin/sh\necho $$ >" + pidFile + ".tmp\nmv " + pidFile + ".tmp " + pidFile + "\nexec sleep 30\n");
        try (Router router = Econtext.newRouter()) {
            CompletableFuture<Context> boot = CompletableFuture.supplyAsync(() -> router.connect(Local.spec()
                    .name("killed")
                    .javaPath(stopped.toString())
                    .firstStageDirs(List.of(candidates.toString()))));
            assertThat(Eventually.holds(BOUND, () -> Files.exists(pidFile)))
                    .as("the boot reached its java")
                    .isTrue();
            ProcessHandle transport =
                    transportProcessOf(Long.parseLong(Files.readString(pidFile).strip()));
            List<ProcessHandle> group = new ArrayList<>(transport.descendants().toList());
            group.add(transport);

            group.forEach(ProcessHandle::destroyForcibly);

            ExecutionException e =
                    catchThrowableOfType(ExecutionException.class, () -> boot.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getCause()).isInstanceOf(BootstrapException.class).hasMessageContaining("killed");
            assertThat(listing(candidates))
                    .as("left in the candidate directory")
                    .isEmpty();
        }
    }

    @Test
    void aJvmThatFailsToStartLeavesNothing() throws Exception {
        Path candidates = candidate("candidates");
        try (Router router = Econtext.newRouter()) {
            BootstrapException e = catchThrowableOfType(
                    BootstrapException.class,
                    () -> router.connect(Local.spec()
                            .name("bad-option")
                            .jvmOption("-XX:+NoSuchOption")
                            .firstStageDirs(List.of(candidates.toString()))));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(listing(candidates))
                    .as("left in the candidate directory, at once")
                    .isEmpty();
        }
    }

    /** The process this JVM started that {@code pid} is, or descends from: the transport process. */
    private static ProcessHandle transportProcessOf(long pid) {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        while (p.parent().isPresent()
                && p.parent().get().pid() != ProcessHandle.current().pid()) {
            p = p.parent().get();
        }
        assertThat(p.parent()).as("process " + pid + " descends from this JVM").isPresent();
        return p;
    }

    /** A private candidate directory, mode 1777 like {@code /dev/shm}. */
    private Path candidate(String name) throws IOException, InterruptedException {
        Path dir = Files.createDirectory(tempDir.resolve(name));
        Process chmod =
                new ProcessBuilder("chmod", "1777", dir.toString()).inheritIO().start();
        assertThat(chmod.waitFor()).as("chmod 1777 " + dir).isZero();
        return dir;
    }

    private Path executable(String name, String script) throws IOException {
        Path p = tempDir.resolve(name);
        Files.writeString(p, script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    static List<String> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 64 KiB tmpfs, filled to the last byte, mounted for the test and unmounted by {@link #close}. */
    static final class FullTmpfs implements AutoCloseable {
        static final String FILLER = "filler";
        private final Path dir;

        private FullTmpfs(Path dir) {
            this.dir = dir;
        }

        static FullTmpfs mount(Path dir) throws IOException, InterruptedException {
            assumeTrue(
                    "root".equals(System.getProperty("user.name")),
                    "must run as root to mount a full tmpfs as a candidate directory");
            Files.createDirectory(dir);
            assertThat(run("mount", "-t", "tmpfs", "-o", "size=64k,mode=1777", "tmpfs", dir.toString()))
                    .as("mount a tmpfs at " + dir)
                    .isZero();
            FullTmpfs full = new FullTmpfs(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(FILLER))) {
                byte[] page = new byte[4096];
                for (int i = 0; i < 1024; i++) {
                    out.write(page);
                    out.flush();
                }
                throw new IllegalStateException(dir + " did not fill up");
            } catch (IOException expected) {
                // No space left on device: full
            } catch (RuntimeException e) {
                full.close();
                throw e;
            }
            return full;
        }

        Path dir() {
            return dir;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            assertThat(run("umount", dir.toString())).as("umount " + dir).isZero();
        }

        private static int run(String... command) throws IOException, InterruptedException {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
