package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code econtext rsync|scp|sftp}: the tools run here, their remote side in the last hop (a local one here). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeSshCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void rsyncCopiesATreeToTheLastHopAndBackByteForByte() throws IOException {
        assumeTrue(onPath("rsync"), "needs rsync");
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub dir"));
        Files.writeString(src.resolve("plain.txt"), "plain\n");
        Files.writeString(src.resolve("with space.txt"), "a space\n");
        Files.writeString(src.resolve("-leading-dash"), "a dash\n");
        Files.write(src.resolve("sub dir").resolve("random.bin"), randomBytes(300_000));
        Path there = tmp.resolve("there");
        Path back = tmp.resolve("back");

        MainRunner.Result out = MainRunner.run("rsync", "--via", "local", "--", "-a", src + "/", "ctx:" + there + "/");
        MainRunner.Result in = MainRunner.run("rsync", "--", "-a", "anyhost:" + there + "/", back + "/");

        assertThat(out.exitCode()).as(out.err()).isZero();
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(contents(there)).containsExactlyEntriesOf(contents(src));
        assertThat(contents(back)).containsExactlyEntriesOf(contents(src)).containsKey("-leading-dash");
    }

    @Test
    void scpCopiesAFileThroughTwoHops() throws IOException {
        assumeTrue(onPath("scp"), "needs scp");
        Path file = Files.write(tmp.resolve("report with space.bin"), randomBytes(100_000));
        Path there = Files.createDirectory(tmp.resolve("there"));
        Path back = tmp.resolve("back.bin");

        MainRunner.Result out =
                MainRunner.run("scp", "--via", "local", "--via", "local", "--", "-q", file.toString(), "ctx:" + there);
        MainRunner.Result in = MainRunner.run(
                "scp",
                "--via",
                "local",
                "--via",
                "local",
                "--",
                "-q",
                "ctx:" + there.resolve("report with space.bin"),
                back.toString());

        assertThat(out.exitCode()).as(out.err()).isZero();
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(there.resolve(file.getFileName())).hasSameBinaryContentAs(file);
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void sftpBatchPutsAndGets() throws IOException {
        assumeTrue(onPath("sftp"), "needs sftp");
        assumeTrue(
                Stream.of(
                                "/usr/lib/openssh/sftp-server",
                                "/usr/libexec/openssh/sftp-server",
                                "/usr/libexec/sftp-server")
                        .anyMatch(p -> Files.isExecutable(Path.of(p))),
                "needs an sftp-server");
        Path file = Files.write(tmp.resolve("local.bin"), randomBytes(200_000));
        Path there = Files.createDirectory(tmp.resolve("there"));
        Path back = tmp.resolve("back.bin");
        Path batch = Files.writeString(
                tmp.resolve("batch.txt"),
                "put " + file + " " + there.resolve("put.bin") + "\n" + "get " + there.resolve("put.bin") + " " + back
                        + "\n");

        MainRunner.Result r = MainRunner.run("sftp", "--via", "local", "--", "-b", batch.toString(), "ctx");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sftp> put " + file).contains("sftp> get " + there.resolve("put.bin"));
        assertThat(there.resolve("put.bin")).hasSameBinaryContentAs(file);
        assertThat(back).hasSameBinaryContentAs(file);
    }

    @Test
    void failingRemoteRsyncExitsWithRsyncsCode() {
        assumeTrue(onPath("rsync"), "needs rsync");
        Path missing = tmp.resolve("no-such-dir");

        MainRunner.Result r = MainRunner.run("rsync", "--", "-a", "ctx:" + missing + "/", tmp.resolve("dst") + "/");

        assertThat(r.exitCode()).isEqualTo(23); // rsync: partial transfer due to error
        assertThat(r.err()).contains("no-such-dir").contains("No such file or directory");
        assertThat(tmp.resolve("dst")).doesNotExist();
    }

    @Test
    void timeoutStopsTheToolAndExitsWithOne() throws IOException {
        assumeTrue(onPath("rsync"), "needs rsync");
        Path src = Files.createDirectory(tmp.resolve("src"));

        long start = System.nanoTime();
        MainRunner.Result r = MainRunner.run(
                "rsync",
                "--timeout",
                "1",
                "--",
                "--rsync-path=sleep 30; rsync",
                "-a",
                src + "/",
                "ctx:" + tmp + "/dst/");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).contains("econtext rsync: 'rsync' did not finish within 1000 ms");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void toolMissingHereExitsWithOneBeforeBooting() throws IOException, InterruptedException {
        Path emptyDir = Files.createDirectory(tmp.resolve("empty"));
        Path err = tmp.resolve("err.txt");
        // A JVM of its own, since the command looks the tool up on its process's PATH: here one without rsync (and
        // without the sh, mktemp and java that a boot would need, so a boot would fail differently).
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "rsync",
                        "--",
                        "-a",
                        "src/",
                        "ctx:/dst/")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("PATH", emptyDir.toString());
        Process cli = pb.start();
        try {
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            cli.destroyForcibly();
        }

        assertThat(cli.exitValue()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(Files.readString(err))
                .startsWith("econtext rsync: cannot run 'rsync': it is not on this machine's PATH")
                .contains("install rsync here")
                .doesNotContain("\tat ");
    }

    @Test
    void missingToolArgumentsIsAUsageError() {
        MainRunner.Result r = MainRunner.run("rsync");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("ARGS").contains("econtext rsync --help");
    }

    @Test
    void toolOptionsBeforeDoubleDashAreAUsageError() {
        MainRunner.Result r = MainRunner.run("scp", "-r", "a", "ctx:b");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("-r");
    }

    @Test
    void badTimeoutIsAUsageError() {
        MainRunner.Result r = MainRunner.run("sftp", "--timeout", "0", "--", "ctx");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--timeout: '0' (expected: seconds > 0");
    }

    @Test
    void failedBootExitsWithItsMessage() {
        MainRunner.Result r = MainRunner.run("rsync", "--java", "/nonexistent/bin/java", "--", "-a", "x", "ctx:y");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err())
                .contains("/nonexistent/bin/java")
                .contains("not found")
                .doesNotContain("\tat ");
    }

    @Test
    void helpExplainsRemotePaths() {
        for (String tool : new String[] {"rsync", "scp", "sftp"}) {
            MainRunner.Result r = MainRunner.run(tool, "--help");

            assertThat(r.exitCode()).isZero();
            assertThat(r.out())
                    .contains("Usage: econtext " + tool)
                    .contains("[--] ARGS...")
                    .contains("HOST:path")
                    .contains("ctx:/")
                    .contains("--timeout=SECONDS")
                    .contains("--via=SPEC");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Relative path of every regular file under {@code root} to its content (as a string of its bytes). */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
