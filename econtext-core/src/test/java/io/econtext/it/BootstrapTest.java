package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.econtext.BootstrapException;
import io.econtext.Context;
import io.econtext.CpuScheduling;
import io.econtext.JavaNotFoundException;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.internal.boot.BootScript;
import io.econtext.transport.local.Local;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Booting a child: nothing left behind, and failures that say what went wrong. */
@Timeout(60)
class BootstrapTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String OTHER_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    static final String THIS_JAVA = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";

    @TempDir
    Path tempDir;

    @Test
    void leavesNoFileInTheFirstStageDirectoryDuringOrAfterTheContextsLife() throws Exception {
        Path candidates = Files.createDirectory(tempDir.resolve("candidates"));
        assertThat(listing(candidates)).isEmpty();
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().firstStageDirs(List.of(candidates.toString())));

            Path jar = firstStageJar(c);
            assertThat(jar.toString())
                    .as("the first stage was written where we asked")
                    .startsWith(candidates + "/econtext.");
            assertThat(listing(candidates)).as("after boot").isEmpty();

            c.shutdown();
            assertThat(Pids.stillRunningAfter(BOUND, c.info().pid())).isEmpty();
            assertThat(listing(candidates)).as("after shutdown").isEmpty();
        }
        assertThat(listing(candidates)).as("after the router closed").isEmpty();
    }

    @Test
    void startsTheChildUnderBatchSchedulingUnlessToldToInherit() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context batch = router.connect(Local.spec().name("batch"));
            Context inherit = router.connect(Local.spec().name("inherit").cpuScheduling(CpuScheduling.INHERIT));

            assertThat(batch.call(BootstrapTest::schedulingPolicy))
                    .as("SCHED_BATCH")
                    .isEqualTo(3);
            assertThat(inherit.call(BootstrapTest::schedulingPolicy)).isEqualTo(schedulingPolicy());
        }
    }

    /** Field 41 of {@code /proc/self/stat} (of the calling thread's process): 0 SCHED_OTHER, 3 SCHED_BATCH. */
    static int schedulingPolicy() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }

    @Test
    void leavesNoFileInTheDefaultDirectories() throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());

            Path jar = firstStageJar(c);

            assertThat(jar.getFileName().toString()).startsWith(BootScript.FIRST_STAGE_PREFIX);
            assertThat(defaultDirectories()).contains(jar.getParent().toString());
            assertThat(jar).as("the first-stage jar after boot").doesNotExist();
            c.shutdown();
            assertThat(jar).as("the first-stage jar after shutdown").doesNotExist();
        }
    }

    @Test
    void skipsACandidateDirectoryThatAnotherUserControls() throws Exception {
        assumeThat(System.getProperty("user.name"))
                .as("must run as root to give a directory to the user nobody")
                .isEqualTo("root");
        Path theirs = Files.createDirectory(tempDir.resolve("nobodys"));
        Files.setOwner(
                theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path ours = Files.createDirectory(tempDir.resolve("ours"));
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().firstStageDirs(List.of(theirs.toString(), ours.toString())));

            assertThat(firstStageJar(c).toString())
                    .as("root may write into nobody's directory, but nobody could swap the jar there")
                    .startsWith(ours + "/econtext.");
            assertThat(listing(theirs)).isEmpty();
        }
    }

    @Test
    void theClassPathIsTheChildsOwnDescriptorOfItsDeletedFirstStageJar() throws Exception {
        try (Router router = Econtext.newRouter()) {
            for (Context c : contextsOnEveryJdk(router)) {
                String jdk = "a child on Java " + c.info().javaVersion();
                assertThat(c.call(() -> System.getProperty("java.class.path"))).isEqualTo("/dev/fd/5");
                String named = c.call(
                        () -> Files.readSymbolicLink(Path.of("/proc/self/fd/5")).toString());
                assertThat(named)
                        .as("what the descriptor 5 of " + jdk + " names")
                        .contains("/" + BootScript.FIRST_STAGE_PREFIX)
                        .endsWith(" (deleted)");
                assertThat(Path.of(named).getFileName().toString())
                        .as("a name no file can have (NAME_MAX 255), so no one can create it for the JDK to resolve")
                        .hasSizeGreaterThan(255);
                assertThat(c.call(() -> ClassLoader.getSystemResource("EcontextStage1.class")
                                .toString()))
                        .as("where the JDK of " + jdk + " resolved its class path to: its own descriptor")
                        .isEqualTo("jar:file:/proc/" + c.info().pid() + "/fd/5!/EcontextStage1.class");
                assertThat(c.call(() -> ClassLoader.getSystemClassLoader()
                                .loadClass("EcontextStage1")
                                .getName()))
                        .as("the JDK still reads the deleted jar through the file it opened")
                        .isEqualTo("EcontextStage1");
            }
        }
    }

    @Test
    void theFirstStagesDescriptorDoesNotReachTheChildsSubprocesses() throws Exception {
        try (Router router = Econtext.newRouter()) {
            for (Context c : contextsOnEveryJdk(router)) {
                String fds = c.call(() -> {
                    Process p = new ProcessBuilder("/bin/sh", "-c", "ls -l /proc/$$/fd/")
                            .redirectErrorStream(true)
                            .start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor();
                    return out;
                });

                assertThat(fds)
                        .as("the descriptors of a subprocess of a child on "
                                + c.info().javaVersion())
                        .contains(" 0 -> ")
                        .doesNotContain("/" + BootScript.FIRST_STAGE_PREFIX)
                        .doesNotContain(" 5 -> ");
            }
        }
    }

    /** A context on this JDK, and one on the other JDK when it is installed. */
    static List<Context> contextsOnEveryJdk(Router router) {
        List<Context> contexts = new ArrayList<>();
        contexts.add(router.connect(Local.spec()));
        if (new File(OTHER_JDK).canRead()) {
            contexts.add(router.connect(Local.spec().javaPath(OTHER_JDK)));
        }
        return contexts;
    }

    /** Where the boot script wrote the child's first stage, as the child's fd 5 names it: the jar, now deleted. */
    static Path firstStageJar(Context c) {
        String named =
                c.call(() -> Files.readSymbolicLink(Path.of("/proc/self/fd/5")).toString());
        assertThat(named).endsWith(" (deleted)");
        return Path.of(named.substring(0, named.length() - " (deleted)".length()));
    }

    @Test
    void leavesNoFileWhenTheJvmFailsToStart() throws Exception {
        Path candidates = Files.createDirectory(tempDir.resolve("candidates"));
        try (Router router = Econtext.newRouter()) {
            BootstrapException e = catchThrowableOfType(
                    BootstrapException.class,
                    () -> router.connect(Local.spec()
                            .name("bad-options")
                            .jvmOption("-XX:+NoSuchOption")
                            .firstStageDirs(List.of(candidates.toString()))));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getMessage()).contains("bad-options").contains("jvmOptions");
            assertThat(e.outputTail()).contains("NoSuchOption");
            assertThat(Eventually.holds(BOUND, () -> listing(candidates).isEmpty()))
                    .as("left behind: " + listing(candidates))
                    .isTrue();
        }
    }

    @Test
    void namesEveryDirectoryTriedWhenNoneIsWritable() {
        try (Router router = Econtext.newRouter()) {
            BootstrapException e = catchThrowableOfType(
                    BootstrapException.class,
                    () -> router.connect(Local.spec().firstStageDirs(List.of("/proc", "/nonexistent-dir"))));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getMessage())
                    .contains("/proc")
                    .contains("/nonexistent-dir")
                    .contains("writable");
        }
    }

    @Test
    void reportsAJavaThatDoesNotExist() {
        try (Router router = Econtext.newRouter()) {
            JavaNotFoundException e = catchThrowableOfType(
                    JavaNotFoundException.class,
                    () -> router.connect(Local.spec().javaPath("/nonexistent/java")));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getMessage()).contains("/nonexistent/java");
        }
    }

    @Test
    void reportsAJavaThatIsTooOldWithItsVersion() throws Exception {
        Path fakeJava =
                executable("java", "#!/bin/sh\n" + "echo 'ECONTEXT-ERROR: java-too-old 11 /fake/jdk'\n" + "exit 3\n");
        try (Router router = Econtext.newRouter()) {
            JavaNotFoundException e = catchThrowableOfType(
                    JavaNotFoundException.class,
                    () -> router.connect(Local.spec().name("old-java").javaPath(fakeJava.toString())));

            assertThat(e).as("the boot should have failed").isNotNull();
            assertThat(e.getMessage())
                    .contains("version 11")
                    .contains("/fake/jdk")
                    .contains("17");
            assertThat(e.exitStatus()).isEqualTo(3);
        }
    }

    @Test
    void ignoresJunkPrintedOnTheProtocolStreamBeforeTheHandshake() throws Exception {
        Path chattyJava = executable(
                "java",
                "#!/bin/sh\n" + "echo 'Welcome! Last login: never' >&4\n" + "exec '" + THIS_JAVA + "' \"$@\"\n");
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().javaPath(chattyJava.toString()));

            assertThat(c.call(() -> "fine despite the MOTD")).isEqualTo("fine despite the MOTD");
        }
    }

    @Test
    void bootsAChildOnAnotherJdk() {
        assumeThat(new File(OTHER_JDK))
                .as("a second JDK at " + OTHER_JDK + " (install temurin-25-jdk to run this test)")
                .canRead();
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec().javaPath(OTHER_JDK));

            assertThat(c.info().javaVersion()).startsWith("25");
            assertThat(c.call(() -> Runtime.version().feature())).isEqualTo(25);
        }
    }

    private Path executable(String name, String script) throws IOException {
        Path dir = Files.createTempDirectory(tempDir, "bin");
        Path p = dir.resolve(name);
        Files.writeString(p, script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> defaultDirectories() {
        List<String> dirs = new ArrayList<>();
        for (String env : List.of("XDG_RUNTIME_DIR", "TMPDIR")) {
            String v = System.getenv(env);
            if (v != null && !v.isEmpty()) {
                dirs.add(Path.of(v).toString());
            }
        }
        dirs.addAll(List.of("/dev/shm", "/tmp", "/var/tmp"));
        return dirs;
    }
}
