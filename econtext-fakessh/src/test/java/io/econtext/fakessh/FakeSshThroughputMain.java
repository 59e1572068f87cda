package io.econtext.fakessh;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.testkit.sshd.SshdFixture;
import io.econtext.testkit.sshd.TestUser;
import io.econtext.transport.local.Local;
import io.econtext.transport.ssh.SshTestSpecs;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Measures rsync of one large file (default 256 MiB) three ways in one run, for the figures of the fakessh notes:
 * plain rsync over ssh to the testkit's sshd, rsync through fakessh into a local context, and through fakessh into
 * a two-hop ssh chain (jump → app) to the same sshd. Needs root (test users). Run with the test class path:
 *
 * <pre>
 * java -cp ... io.econtext.fakessh.FakeSshThroughputMain [MiB] [rounds]
 * </pre>
 */
public final class FakeSshThroughputMain {
    private FakeSshThroughputMain() {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("fakessh-throughput-");
        Path big = dir.resolve("big.bin");
        Random random = new Random(1);
        byte[] block = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            for (long i = 0; i < mib; i++) {
                random.nextBytes(block);
                f.write(block);
            }
        }
        try (SshdFixture sshd = SshdFixture.start();
                Router router = Econtext.newRouter()) {
            TestUser jump = sshd.user("ectestfsjump");
            TestUser app = sshd.user("ectestfsapp");
            Path key = sshd.copyPrivateKey(app, jump);
            Context local = router.connect(Local.spec());
            Context hop1 = router.connect(SshTestSpecs.as(sshd, jump));
            Context hop2 = router.connect(
                    SshTestSpecs.as(sshd, app).identityFile(key.toString()).via(hop1));
            String sshCommand = "ssh -p " + sshd.port() + " -i " + app.privateKey() + " -o IdentitiesOnly=yes"
                    + " -o UserKnownHostsFile=" + sshd.knownHostsFile() + " -o BatchMode=yes";
            Path appDst = app.home().resolve("throughput.bin");
            for (int r = 0; r < rounds; r++) {
                Files.deleteIfExists(appDst);
                long plain = time(() -> new ProcessBuilder(List.of(
                                "rsync", "-e", sshCommand, big.toString(), app.name() + "@127.0.0.1:throughput.bin"))
                        .inheritIO()
                        .start()
                        .waitFor());
                Files.deleteIfExists(appDst);
                Path localDst = dir.resolve("local-copy.bin");
                Files.deleteIfExists(localDst);
                long viaLocal = time(() -> FakeSsh.run(local, List.of("rsync", big.toString(), "h:" + localDst)));
                long viaChain = time(() -> FakeSsh.run(hop2, List.of("rsync", big.toString(), "h:throughput.bin")));
                System.out.printf(
                        "round %d: %d MiB  plain rsync over ssh %.0f MB/s | fakessh local %.0f MB/s (%.2fx) |"
                                + " fakessh ssh→ssh chain %.0f MB/s (%.2fx)%n",
                        r + 1,
                        mib,
                        mbs(mib, plain),
                        mbs(mib, viaLocal),
                        (double) plain / viaLocal,
                        mbs(mib, viaChain),
                        (double) plain / viaChain);
                Files.deleteIfExists(localDst);
            }
            Files.deleteIfExists(appDst);
        } finally {
            FakeSshHome.deleteTree(dir);
        }
    }

    private interface Run {
        int run() throws Exception;
    }

    private static long time(Run run) throws Exception {
        long t0 = System.nanoTime();
        int rc = run.run();
        long t = System.nanoTime() - t0;
        if (rc != 0) {
            throw new IllegalStateException("exit status " + rc);
        }
        return t;
    }

    private static double mbs(long mib, long nanos) {
        return mib * 1048576.0 / 1e6 / (nanos / 1e9);
    }
}
