package io.econtext.fakessh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.LocalProcesses;
import io.econtext.transport.local.Local;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** fakessh with real rsync, scp and sftp against a local context. */
@Timeout(120)
class FakeSshLocalTest {
    private static Router router;
    private static Context ctx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void boot() {
        router = Econtext.newRouter();
        ctx = router.connect(Local.spec().name("target"));
    }

    @AfterAll
    static void close() {
        router.close();
    }

    private int run(List<String> argv) throws InterruptedException {
        return FakeSsh.command(ctx, argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .timeout(Duration.ofSeconds(100))
                .run();
    }

    @Test
    void rsyncsAThousandOddlyNamedFilesToAndFromTheContext() throws Exception {
        Path src = tmp.resolve("src");
        Trees.make(src, 1000, 42);

        assertThat(run(List.of("rsync", "-a", src + "/", "anyhost:" + tmp.resolve("there") + "/")))
                .isZero();
        Trees.assertSame(src, tmp.resolve("there"));

        assertThat(run(List.of("rsync", "-a", "anyhost:" + tmp.resolve("there") + "/", tmp.resolve("back") + "/")))
                .isZero();
        Trees.assertSame(src, tmp.resolve("back"));
        assertThat(Trees.fakesshHomes()).as("private directories left").isEmpty();
    }

    @Test
    void sftpPutsAndGetsThroughTheContext() throws Exception {
        Path file = tmp.resolve("data.bin");
        Files.write(file, new byte[3_000_000]);
        Path batch = tmp.resolve("batch");
        Files.writeString(
                batch,
                "put " + file + " " + tmp.resolve("put.bin") + "\nget " + tmp.resolve("put.bin") + " "
                        + tmp.resolve("got.bin") + "\n");

        assertThat(run(List.of("sftp", "-b", batch.toString(), "somehost"))).isZero();
        assertThat(Trees.sha256(tmp.resolve("got.bin"))).isEqualTo(Trees.sha256(file));
        assertThat(Trees.sha256(tmp.resolve("put.bin"))).isEqualTo(Trees.sha256(file));
    }

    @Test
    void theRemoteCommandsExitStatusIsSshsAndRsyncReportsAMissingSource() throws Exception {
        assertThat(run(List.of("sh", "-c", "ssh host 'echo out; exit 7'"))).isEqualTo(7);
        assertThat(run(List.of("rsync", "-a", "host:" + tmp.resolve("no-such-dir") + "/", tmp.resolve("x") + "/")))
                .as("rsync: some files could not be transferred")
                .isEqualTo(23);
        Path err = tmp.resolve("err.txt");
        int rc = FakeSsh.command(ctx, List.of("sh", "-c", "ssh -L 1:h:2 host true"))
                .redirectError(err.toFile())
                .run();
        assertThat(rc).isEqualTo(255);
        assertThat(Files.readString(err)).contains("fakessh: -L 1:h:2: fakessh cannot forward ports");
    }

    @Test
    void scpThreeWayRunsTwoInvocationsAtOnceEachWithItsOwnPipes() throws Exception {
        Path file = tmp.resolve("three.bin");
        byte[] data = new byte[4_000_000];
        new java.util.Random(3).nextBytes(data);
        Files.write(file, data);
        assertThat(run(List.of("scp", "-3", "-q", "from:" + file, "to:" + tmp.resolve("three-copy.bin"))))
                .isZero();
        assertThat(Files.readAllBytes(tmp.resolve("three-copy.bin"))).isEqualTo(data);
    }

    @Test
    void gitClonesOverTheContext() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README"), "cloned through econtext\n");
        for (List<String> git : List.of(
                List.of("git", "init", "-q"),
                List.of("git", "add", "README"),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one"))) {
            assertThat(new ProcessBuilder(git)
                            .directory(repo.toFile())
                            .inheritIO()
                            .start()
                            .waitFor())
                    .isZero();
        }
        assertThat(run(List.of(
                        "git",
                        "clone",
                        "-q",
                        "ctx:" + repo,
                        tmp.resolve("clone").toString())))
                .isZero();
        assertThat(Files.readString(tmp.resolve("clone").resolve("README"))).isEqualTo("cloned through econtext\n");
    }

    @Test
    void aProgramMissingHereIsNamedBeforeAnythingStarts() throws Exception {
        Throwable t = catchThrowable(() -> FakeSsh.run(ctx, List.of("econtext-no-such-tool", "-a")));
        assertThat(t)
                .isInstanceOf(FakeSshException.class)
                .hasMessageContaining("cannot run 'econtext-no-such-tool'")
                .hasMessageContaining("install econtext-no-such-tool here");
        assertThat(Trees.fakesshHomes()).isEmpty();
    }

    @Test
    void stdinReachesTheRemoteCommandAndBinaryStdoutComesBackIntact() throws Exception {
        Path in = tmp.resolve("in.bin");
        byte[] data = new byte[5_000_000];
        new java.util.Random(7).nextBytes(data);
        Files.write(in, data);
        Path out = tmp.resolve("out.bin");
        int rc = FakeSsh.command(ctx, List.of("ssh", "h", "cat"))
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .run();
        assertThat(rc).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void twoRunsAtOnceOnTheSameContextDoNotInterfere() throws Exception {
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path src = tmp.resolve("src" + i);
            Trees.make(src, 300, i);
            Path dst = tmp.resolve("dst" + i);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return run(List.of("rsync", "-a", src + "/", "h:" + dst + "/"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Integer> r : runs) {
            assertThat(r.get(100, TimeUnit.SECONDS)).isZero();
        }
        Trees.assertSame(tmp.resolve("src0"), tmp.resolve("dst0"));
        Trees.assertSame(tmp.resolve("src1"), tmp.resolve("dst1"));
    }

    @Test
    void theLocalProgramKilledMidTransferLeavesNoProcessAndNoDirectory() throws Exception {
        Path big = tmp.resolve("big.bin");
        Files.write(big, new byte[64 * 1024 * 1024]);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return run(List.of("rsync", "--bwlimit=2000", big.toString(), "h:" + tmp.resolve("copy.bin")));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long remoteRsync = awaitRemote("rsync");
        ProcessHandle localRsync = awaitLocal("rsync");
        List<Long> before = descendantsOfThisJvm();

        LocalProcesses.kill9(localRsync.pid());
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(137);

        assertThat(LocalProcesses.stillRunningAfter(Duration.ofSeconds(5), before))
                .as("local processes of the run (rsync, its fake ssh, its copiers)")
                .isEmpty();
        assertThat(ctx.call(() -> LocalProcesses.isRunning(remoteRsync)))
                .as("the remote rsync")
                .isFalse();
        assertThat(Trees.fakesshHomes()).isEmpty();
    }

    @Test
    void aDeadlineStopsTheProgramAndTheRemoteCommand() throws Exception {
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> FakeSsh.command(ctx, List.of("ssh", "h", "sleep 60"))
                .timeout(Duration.ofSeconds(2))
                .run());
        assertThat(t).isInstanceOf(FakeSshException.class).hasMessageContaining("did not finish within 2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(remoteChildren()).as("the remote sleep").isEmpty();
        assertThat(Trees.fakesshHomes()).isEmpty();
    }

    @Test
    void interruptingTheCallerStopsTheProgramAndTheRemoteCommand() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                FakeSsh.command(ctx, List.of("ssh", "h", "sleep 60")).run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        caller.start();
        awaitRemote("sleep");
        caller.interrupt();
        assertThat(outcome.get(15, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(LocalProcesses.stillRunningAfter(Duration.ofSeconds(5), remoteChildren()))
                .as("the remote sleep")
                .isEmpty();
        assertThat(Trees.fakesshHomes()).isEmpty();
    }

    /** The pid of a process named {@code name} started by the context, once there is one. */
    private static long awaitRemote(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<Long> pids = ctx.call(() -> ProcessHandle.current()
                    .descendants()
                    .filter(p -> LocalProcesses.commandName(p.pid()).equals(name))
                    .map(ProcessHandle::pid)
                    .toList());
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + name + " started in the context");
    }

    private static ProcessHandle awaitLocal(String name) throws Exception {
        long context = ctx.info().pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                if (LocalProcesses.commandName(p.pid()).equals(name)
                        && p.parent().map(ProcessHandle::pid).orElse(0L) != context
                        && !isInContext(p, context)) {
                    return p;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no local " + name);
    }

    private static boolean isInContext(ProcessHandle p, long contextPid) {
        for (ProcessHandle q = p; q != null; q = q.parent().orElse(null)) {
            if (q.pid() == contextPid) {
                return true;
            }
        }
        return false;
    }

    /** Every process this JVM started but the context's JVM and what runs under it. */
    private static List<Long> descendantsOfThisJvm() {
        long context = ctx.info().pid();
        return ProcessHandle.current()
                .descendants()
                .filter(p -> !isInContext(p, context) && p.pid() != context)
                .filter(p -> !isAncestorOf(p, context))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static boolean isAncestorOf(ProcessHandle p, long pid) {
        return ProcessHandle.of(pid)
                .map(h -> {
                    for (ProcessHandle q = h; q != null; q = q.parent().orElse(null)) {
                        if (q.pid() == p.pid()) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    private static List<Long> remoteChildren() throws ExecutionException {
        return ctx.call(() ->
                ProcessHandle.current().descendants().map(ProcessHandle::pid).toList());
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
